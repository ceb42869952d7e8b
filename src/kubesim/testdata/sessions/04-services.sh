# Services: a ClusterIP in front of http-echo pods, endpoints, requests spread over the pods, a NodePort.
kubectl create deployment echo --image=hashicorp/http-echo:1.0 --replicas=3 -- /http-echo -text=hello
kubectl expose deployment echo --port=80 --target-port=5678
sleep 20s
kubectl get svc echo
kubectl get endpoints echo
kubectl describe svc echo
sim curl http://echo --count 6
sim curl http://echo.default.svc.cluster.local/ --count 2
kubectl expose deployment echo --name=echo-np --type=NodePort --port=80 --target-port=5678
kubectl get svc echo-np -o jsonpath='{.spec.type} {.spec.ports[0].port}{"\n"}'
kubectl apply -f - <<EOF
apiVersion: v1
kind: Service
metadata:
  name: echo-fixed
spec:
  type: NodePort
  selector:
    app: echo
  ports:
  - port: 80
    targetPort: 5678
    nodePort: 30080
EOF
kubectl get svc
kubectl get nodes -o wide
sim curl http://172.18.0.3:30080 --count 2
kubectl scale deployment echo --replicas=0
sleep 35s
kubectl get endpoints echo
sim curl http://echo
sim curl http://nothing-here
