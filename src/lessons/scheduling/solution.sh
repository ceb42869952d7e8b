# Scheduling: the solution, step by step.
# step: requests
kubectl apply -f web.yaml
sleep 15s
kubectl get pods -o wide
kubectl describe node node-1
# step: insufficient
kubectl scale deployment web --replicas=7
sleep 5s
kubectl get pods -o wide
kubectl get events --field-selector reason=FailedScheduling
kubectl scale deployment web --replicas=3
sleep 5s
kubectl get pods
# step: node-selector
kubectl apply -f fast.yaml
kubectl describe pod fast
kubectl label node node-2 disktype=ssd
sleep 15s
kubectl get pod fast -o wide
# step: taints
kubectl taint nodes node-1 dedicated=gpu:NoSchedule
kubectl apply -f gpu.yaml
sleep 15s
kubectl get pods -o wide
kubectl describe pod intruder
# step: affinity
kubectl apply -f affinity.yaml
sleep 15s
kubectl get pods -o wide
