# A bad image: a typo in the tag. The new pod cannot pull it (ErrImagePull, then ImagePullBackOff as the
# kubelet backs off), the old pods keep serving, the rollout stalls until its progress deadline, and a
# fixed image (or an undo) finishes it.
kubectl create deployment web --image=nginx:1.27 --replicas=3
kubectl rollout status deployment/web
kubectl set image deployment/web nginx=nginx:1.277
sleep 2s
kubectl get pods
sleep 15s
kubectl get pods
kubectl get deploy web
kubectl rollout status deployment/web --timeout=20s
kubectl logs web-789bd9787f-52h8h
kubectl describe pod web-789bd9787f-52h8h
kubectl get events --field-selector type=Warning
kubectl events --for pod/web-789bd9787f-52h8h
# Ten minutes without progress: the Deployment says so.
sleep 10m
kubectl rollout status deployment/web
kubectl describe deployment web
kubectl get pods
kubectl logs deployment/web
kubectl logs web-789bd9787f-52h8h
kubectl set image deployment/web nginx=nginx:1.28
kubectl rollout status deployment/web
kubectl get pods
kubectl rollout history deployment/web
