# Exposing an app: the solution, step by step.
# step: deploy
kubectl create deployment web --image=nginx:1.27 --replicas=2
sleep 15s
kubectl get pods -o wide
# step: nodeport
kubectl apply -f web-service.yaml
kubectl get svc web
# step: curl-node
kubectl get nodes -o wide
sim curl http://172.18.0.3:30080
sim curl http://172.18.0.4:30080
sim curl http://172.18.0.5:30080
# step: loadbalancer
kubectl apply -f web-lb.yaml
kubectl get svc web
sim curl http://172.18.0.4:30080 --count 3
