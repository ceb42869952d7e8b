# A node goes down: NotReady once 50s pass without a heartbeat, its pods still shown Running; they are
# evicted when their 300s tolerations of the unreachable taint end, and replaced on the other nodes.
kubectl create deployment web --image=nginx:1.27 --replicas=3
sleep 30s
kubectl get pods -o wide
sim node-down node-2
sleep 30s
kubectl get nodes
sleep 30s
kubectl get nodes
kubectl get node node-2 -o jsonpath='{range .spec.taints[*]}{.key}:{.effect}{"\n"}{end}'
kubectl get pods -o custom-columns='NAME:.metadata.name,READY:.status.conditions[?(@.type=="Ready")].status'
kubectl get pods -o wide
kubectl describe node node-2
sleep 5m
kubectl get pods -o wide
sim node-up node-2
sleep 30s
kubectl get nodes
kubectl get pods -o wide
