# Blue/green and canary releases: the solution, step by step.
# step: blue
kubectl apply -f blue.yaml
kubectl apply -f service.yaml
sleep 10s
kubectl get pods -L version
sim curl http://web --count 4
# step: green
kubectl apply -f green.yaml
sleep 10s
kubectl get pods -L version
sim curl http://web --count 8
# step: switch
# service.yaml with the selector's version changed to green:
kubectl apply -f - <<EOF
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
    version: green
  ports:
  - port: 80
    targetPort: 5678
EOF
kubectl get endpoints web
sim curl http://web --count 8
# step: rollback
kubectl apply -f service.yaml
sim curl http://web --count 8
# step: canary
kubectl scale deployment web-green --replicas=1
# service.yaml without the version line:
kubectl apply -f - <<EOF
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - port: 80
    targetPort: 5678
EOF
sim curl http://web --count 8
# about one answer in four comes from green; curl again if none did
sim curl http://web --count 8
# step: promote
kubectl scale deployment web-green --replicas=3
sleep 10s
kubectl get pods -L version
kubectl scale deployment web-blue --replicas=0
kubectl get pods -L version
sim curl http://web --count 8
