# Scaling: more replicas spread over the workers; fewer replicas remove the newest pods on the
# fullest nodes first; a ReplicaSet scaled by hand is put back by its Deployment.
kubectl create deployment web --image=nginx:1.27 --replicas=2
sleep 20s
kubectl scale deployment web --replicas=6
kubectl get deploy web
kubectl get pods -o wide
sleep 20s
kubectl get pods -o wide
kubectl get deploy web
kubectl scale deployment/web --replicas=2
# Watch the scale-down as it happens: the pods left are the oldest, one on each of two nodes.
kubectl get pods -w
sleep 40s
kubectl get pods -o wide
kubectl scale deployment web --current-replicas=3 --replicas=5
kubectl scale rs web-5c94f75b5d --replicas=4
kubectl get rs
kubectl describe deployment web
# Deleting the Deployment deletes its ReplicaSet and pods too (the garbage collector follows owners).
kubectl delete deployment web
kubectl get deploy,rs,pods
sleep 5s
kubectl get all
