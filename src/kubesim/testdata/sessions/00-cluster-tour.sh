# The default cluster as kubeadm and kind build it: a tainted control-plane node, three workers,
# the control plane and CoreDNS running as pods in kube-system; what the API server serves.
kubectl get nodes
kubectl get nodes -o wide
kubectl get pods -n kube-system
kubectl get pods -A -o wide
kubectl get svc -A
kubectl get ns
kubectl get all -n kube-system
kubectl version
kubectl cluster-info
kubectl api-versions
kubectl api-resources --namespaced=false
kubectl explain deployment.spec.replicas
kubectl explain pods
kubectl --help
