# Mistakes get kubectl's own words, and nothing already in the cluster is lost.
kubectl get deployments
kubectl get foo
kubectl get deployment web
kubectl create deployment web --image=nginx:1.27
kubectl create deployment web --image=nginx:1.27
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
        app: api
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
EOF
kubectl apply -f - <<EOF
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  color: blue
   size: large
EOF
kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: typo
spec:
  containers:
  - name: nginx
    image: nginx:1.27
    ports:
    - containerPort: 80
      protocl: TCP
EOF
kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: typo
spec:
  containers:
  - name: nginx
    image: nginx:1.27
    imagePullPolicy: Sometimes
EOF
kubectl apply -f - <<EOF
apiVersion: v1
kind: ConfigMap
metadata:
  name: first
data:
  a: "1"
---
apiVersion: v1
kind: Widget
metadata:
  name: nope
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: Bad_Name
EOF
kubectl get configmaps
kubectl scale deployment web --replicas=-1
kubectl set image deployment/web nginx=nginx:does-not-exist
sleep 40s
kubectl get pods
kubectl describe pod -l app=web
kubectl rollout undo deployment/web
sleep 10s
kubectl get deploy web
kubectl delete pod
kubectl get pods --bogus
kubectl label deployment web tier=front
kubectl label deployment web tier=back
kubectl label deployment web tier=back --overwrite
kubectl get deploy web --show-labels
kubectl label deployment web tier-
kubectl create namespace team-a
kubectl create deployment api -n team-a --image=httpd:2.4
kubectl get deploy -A
kubectl delete namespace team-a
kubectl get ns
