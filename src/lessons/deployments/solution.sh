# Deployments and scaling: the solution, step by step.
# step: create
kubectl apply -f web.yaml
sleep 15s
kubectl get deployments
kubectl get pods
# step: chain
kubectl get deploy,rs,pods
kubectl describe pod -l app=web
# step: scale-up
kubectl scale deployment web --replicas=5
sleep 15s
kubectl get pods -o wide
# step: scale-down
# web.yaml with replicas: 2, as the editor applies it once edited.
kubectl apply -f - <<EOF
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
EOF
kubectl get pods -o wide
sleep 5s
kubectl get pods -o wide
kubectl describe rs -l app=web
# step: owners
kubectl get rs
kubectl scale rs -l app=web --replicas=4
kubectl get rs
kubectl describe deployment web
