# The default cluster as kubeadm and kind build it: a tainted control-plane node, three workers,
# the control plane and CoreDNS running as pods in kube-system.
kubectl get nodes
kubectl get pods -n kube-system
kubectl get svc -A
kubectl version
