# Deployment basics: a Deployment from the command line. Its pods are ContainerCreating while nginx
# is pulled, then Running; the Deployment, its ReplicaSet and pods seen together and in detail.
kubectl create deployment web --image=nginx:1.27 --replicas=3
kubectl get pods
kubectl get deploy,rs,po
sleep 30s
kubectl get pods
kubectl get pods -o wide
kubectl get deploy web --show-labels
kubectl get pods --show-labels
kubectl get rs -o wide
kubectl describe deployment web
# One pod as the API server stores it, then single fields of it.
kubectl get pod web-5c94f75b5d-77j6s -o yaml
kubectl get pods -l app=web -o name
kubectl get deploy web -o jsonpath='{.spec.template.spec.containers[0].image}{"\n"}'
kubectl get pods -o jsonpath='{range .items[*]}{.metadata.name}{"\t"}{.status.podIP}{"\n"}{end}'
kubectl get pods -o custom-columns=NAME:.metadata.name,NODE:.spec.nodeName,PHASE:.status.phase
