# Rolling update and rollback: a Deployment applied from a manifest, a new image rolled out a pod at a
# time, the history with change causes, a rollback to revision 1, pause/resume, and a restart.
kubectl apply -f - <<EOF
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  annotations:
    kubernetes.io/change-cause: "nginx 1.27"
spec:
  replicas: 4
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
        ports:
        - containerPort: 80
EOF
kubectl rollout status deployment/web
kubectl set image deployment/web nginx=nginx:1.28
kubectl annotate deployment/web kubernetes.io/change-cause="nginx 1.28" --overwrite
kubectl rollout status deployment/web
kubectl rollout history deployment/web
kubectl rollout history deployment/web --revision=2
kubectl get rs
kubectl describe deployment web
kubectl rollout undo deployment/web --to-revision=1
kubectl rollout status deployment/web
kubectl rollout history deployment/web
kubectl rollout pause deployment/web
kubectl set image deployment/web nginx=nginx:1.29
kubectl get deploy web
kubectl rollout resume deployment/web
kubectl rollout status deployment/web
kubectl rollout restart deployment/web
kubectl rollout status deployment/web
kubectl get deploy web -o wide
kubectl get rs -o wide
kubectl rollout undo deployment/web --to-revision=9
