# Health checks: the solution, step by step.
# step: not-ready
kubectl apply -f web.yaml
sleep 20s
kubectl get pods
kubectl describe pod -l app=web
kubectl get endpoints web
sim curl http://web
# step: fix-readiness
kubectl apply -f web-fixed.yaml
kubectl rollout status deployment/web
kubectl get pods
kubectl get endpoints web
sim curl http://web --count 2
# step: liveness
kubectl apply -f liveness.yaml
sleep 30s
kubectl get pods
kubectl describe pod liveness
# step: crashloop
kubectl run crasher --image=busybox:1.36 -- sh -c 'echo "starting up"; sleep 2; echo "cannot find my config, giving up"; exit 1'
sleep 45s
kubectl get pods
kubectl logs crasher --previous
