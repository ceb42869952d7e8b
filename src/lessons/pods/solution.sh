# Pods and their lifecycle: the solution, step by step.
# step: create
kubectl apply -f pod.yaml
kubectl get pods
sleep 10s
kubectl get pods
# step: inspect
kubectl get pods -o wide
kubectl describe pod web
kubectl logs web
# step: crash
sim crash web
kubectl get pods
sleep 2s
kubectl get pods -o wide
# step: bad-image
kubectl apply -f broken.yaml
sleep 5s
kubectl get pods
sleep 20s
kubectl get pods
kubectl describe pod broken
# step: delete
kubectl delete pod web broken
kubectl get pods
