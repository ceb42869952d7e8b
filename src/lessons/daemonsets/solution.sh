# DaemonSets: the solution, step by step.
# step: kube-proxy
kubectl get ds -n kube-system
kubectl get pods -n kube-system -l k8s-app=kube-proxy -o wide
kubectl describe ds kube-proxy -n kube-system
# step: create
kubectl apply -f log-agent.yaml
sleep 10s
kubectl get ds
kubectl get pods -l app=log-agent -o wide
kubectl logs ds/log-agent --tail=2
# step: control-plane
kubectl apply -f log-agent-cp.yaml
kubectl get pods -l app=log-agent -o wide
kubectl rollout status ds/log-agent
kubectl get ds log-agent
kubectl get pods -l app=log-agent -o wide
# step: pinned
kubectl get pods -l app=log-agent -o yaml
kubectl cordon node-2
kubectl delete pod -l app=log-agent --field-selector spec.nodeName=node-2
sleep 5s
kubectl get pods -l app=log-agent -o wide
kubectl get nodes
kubectl uncordon node-2
# step: update
kubectl get ds log-agent -o yaml
kubectl set image ds/log-agent agent=busybox:1.37
kubectl rollout status ds/log-agent
kubectl describe ds log-agent
kubectl get pods -l app=log-agent -o wide
