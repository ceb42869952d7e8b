# Self-healing: a deleted pod is replaced, a crashed container restarts, a failing command crash-loops.
kubectl create deployment web --image=nginx:1.27 --replicas=2
sleep 30s
kubectl get pods
kubectl delete pod web-5c94f75b5d-tnn7q
kubectl get pods
sleep 20s
kubectl get pods
sim crash web-5c94f75b5d-zsbqj
sleep 5s
kubectl get pods
kubectl run crasher --image=busybox:1.36 -- sh -c "echo starting; exit 1"
sleep 2m
kubectl get pod crasher
kubectl logs crasher
kubectl describe pod crasher
