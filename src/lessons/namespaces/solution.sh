# Namespaces: the solution, step by step.
# step: list
kubectl get namespaces
kubectl get pods -A
# step: create
kubectl create namespace shop
kubectl create deployment web --image=hashicorp/http-echo:1.0 -n shop -- /http-echo -text="hello from shop"
kubectl expose deployment web -n shop --port=80 --target-port=5678
kubectl get pods
sleep 10s
kubectl get pods -n shop
# step: same-name
kubectl apply -f web.yaml
sleep 10s
kubectl get deployments -A
# step: dns
sim curl http://web
sim curl http://web.shop
sim curl http://web -n shop
# step: delete
kubectl delete namespace shop --wait=false
kubectl get namespaces
kubectl get all -n shop
sleep 5s
kubectl get namespaces
kubectl get all
