# A Deployment from the command line: pods are ContainerCreating while nginx is pulled, then Running.
kubectl create deployment web --image=nginx:1.27 --replicas=3
kubectl get deploy,rs,po
sleep 30s
kubectl get pods -o wide
kubectl get deploy web --show-labels
kubectl describe deployment web
kubectl get pods -l app=web -o name
kubectl get deploy web -o jsonpath='{.spec.template.spec.containers[0].image}{"\n"}'
kubectl get pods -o custom-columns=NAME:.metadata.name,NODE:.spec.nodeName,PHASE:.status.phase
