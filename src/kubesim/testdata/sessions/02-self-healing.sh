# Self-healing: a deleted pod is replaced by its ReplicaSet, a crashed container is restarted by the
# kubelet, and a command that always fails crash-loops with a growing back-off (10s, 20s, 40s, ...).
kubectl create deployment web --image=nginx:1.27 --replicas=2
sleep 30s
kubectl get pods
kubectl delete pod web-5c94f75b5d-tnn7q
kubectl get pods
sleep 20s
kubectl get pods
kubectl describe rs web-5c94f75b5d
# The container exits; the pod stays, the kubelet starts the container again.
sim crash web-5c94f75b5d-zsbqj
kubectl get pods
sleep 5s
kubectl get pods
kubectl run crasher --image=busybox:1.36 -- sh -c "echo starting; exit 1"
sleep 3s
kubectl get pod crasher
sleep 10s
kubectl get pod crasher
sleep 2m
kubectl get pod crasher
kubectl logs crasher
kubectl logs crasher --previous
kubectl describe pod crasher
kubectl get events --field-selector involvedObject.name=crasher
