# Rolling updates and rollback: the solution, step by step.
# step: update
kubectl set image deployment/web nginx=nginx:1.28
kubectl rollout status deployment/web
# step: history
kubectl get rs
kubectl rollout history deployment/web
kubectl annotate deployment/web kubernetes.io/change-cause="nginx 1.28"
kubectl rollout history deployment/web
# step: bad-image
kubectl set image deployment/web nginx=nginx:1.288
kubectl get pods
sleep 30s
kubectl get pods
kubectl get deploy web
# step: undo
kubectl rollout undo deployment/web
kubectl rollout status deployment/web
kubectl rollout history deployment/web
