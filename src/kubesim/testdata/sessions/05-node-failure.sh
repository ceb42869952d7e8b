# A node goes down: NotReady after the grace period, its pods evicted when their 300 s tolerations end.
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
sleep 5m
kubectl get pods -o wide
sim node-up node-2
sleep 30s
kubectl get nodes
kubectl get pods -o wide
