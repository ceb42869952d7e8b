# A tour of the cluster: the solution, step by step.
# step: nodes
kubectl get nodes
# step: control-plane
kubectl get pods -n kube-system
# step: first-pod
kubectl run hello --image=nginx:1.27
sleep 15s
kubectl get pods
# step: events
kubectl describe pod hello
