# Mistakes get kubectl's and the API server's own words, and nothing already in the cluster is lost.
# Then labels and annotations (--overwrite, key- removal) and namespaces (-n, -A, delete).
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
kubectl scale deployment web
kubectl delete pod
kubectl get pods --bogus
kubectl get pods -o yml
kubectl create deployment
kubectl create deployment api
kubectl expose deployment web
kubectl delete pod nope
kubectl describe deployment nope
kubectl get pod/web deployment
kubectl logs nope
kubectl rollout status deployment/nope
kubectl label deployment web tier=front
kubectl label deployment web tier=back
kubectl label deployment web tier=back --overwrite
kubectl get deploy web --show-labels
kubectl label deployment web tier-
kubectl label deployment web tier-
kubectl label deployment web 'Bad Key=x'
kubectl annotate deployment web owner=team-a description='the front end'
kubectl annotate deployment web owner=team-b
kubectl annotate deployment web owner=team-b --overwrite
kubectl describe deployment web
kubectl annotate deployment web owner- description-
kubectl get deploy web -o jsonpath='{.metadata.annotations}{"\n"}'
kubectl create namespace team-a
kubectl create namespace team-a
kubectl create deployment api -n team-a --image=httpd:2.4
kubectl get deploy
kubectl get deploy -n team-a
kubectl get deploy -A
kubectl get pods --all-namespaces -l app=api
kubectl get deploy api
kubectl get ns
kubectl create namespace Team_B
kubectl delete namespace team-a
kubectl get ns
kubectl get deploy -n team-a
kubectl create deployment api -n no-such-ns --image=httpd:2.4
# Manifests from a folder: every file in name order, applied, listed and deleted together.
kubectl apply -f manifests/
kubectl apply -f manifests/
kubectl get -f manifests/
kubectl delete -f manifests/
kubectl apply -f manifests/missing.yaml
