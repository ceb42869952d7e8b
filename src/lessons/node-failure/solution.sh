# Node failure and maintenance: the solution, step by step.
# step: spread
kubectl create deployment web --image=nginx:1.27 --replicas=6
sleep 20s
kubectl get pods -o wide
# step: node-down
sim node-down node-2
sleep 60s
kubectl get nodes
kubectl describe node node-2
# step: eviction
kubectl describe pod -l app=web
sleep 5m
sleep 10s
kubectl get pods -o wide
# step: node-up
sim node-up node-2
sleep 15s
kubectl get nodes
kubectl get pods -o wide
# step: drain
kubectl cordon node-1
kubectl get nodes
kubectl drain node-1 --ignore-daemonsets
kubectl get pods -o wide
# step: uncordon
kubectl uncordon node-1
kubectl scale deployment web --replicas=9
sleep 10s
kubectl get pods -o wide
