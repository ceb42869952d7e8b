# Services and discovery: the solution, step by step.
# step: expose
kubectl expose deployment echo --port=80 --target-port=5678
kubectl get svc echo
# step: endpoints
kubectl get endpoints echo
kubectl get pods -o wide
kubectl run extra --image=hashicorp/http-echo:1.0 --labels=app=echo -- -text="hello from extra"
sleep 10s
kubectl get endpoints echo
# step: curl
sim curl http://echo --count 6
sim curl http://echo.default.svc.cluster.local
# step: not-ready
sim crash extra
kubectl describe endpoints echo
sim curl http://echo --count 4
sleep 5s
kubectl get endpoints echo
# step: no-endpoints
kubectl apply -f front.yaml
kubectl get endpoints front
sim curl http://front
# front.yaml with the selector fixed, as the editor applies it once edited.
kubectl apply -f - <<EOF
apiVersion: v1
kind: Service
metadata:
  name: front
spec:
  selector:
    app: echo
  ports:
  - port: 80
    targetPort: 5678
EOF
kubectl get endpoints front
sim curl http://front --count 3
