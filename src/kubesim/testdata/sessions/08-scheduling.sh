# Scheduling: a nodeSelector no node matches and requests no node can fit stay Pending with the
# scheduler's reasons; cordon, drain (DaemonSet pods stay) and uncordon; a NoSchedule taint.
kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: picky
spec:
  nodeSelector:
    disktype: ssd
  containers:
  - name: nginx
    image: nginx:1.27
---
apiVersion: v1
kind: Pod
metadata:
  name: big
spec:
  containers:
  - name: nginx
    image: nginx:1.27
    resources:
      requests:
        cpu: "3"
EOF
sleep 5s
kubectl get pods
kubectl get events --field-selector reason=FailedScheduling
kubectl describe pod picky
kubectl label node node-1 disktype=ssd
sleep 20s
kubectl get pod picky -o wide
kubectl delete pod big picky
kubectl cordon node-3
kubectl get nodes
kubectl create deployment web --image=nginx:1.27 --replicas=4
sleep 30s
kubectl get pods -l app=web -o wide
kubectl drain node-2 --ignore-daemonsets
kubectl get pods -l app=web -o wide
kubectl uncordon node-2 node-3
# A taint keeps new pods off node-1 unless they tolerate it.
kubectl taint node node-1 dedicated=ml:NoSchedule
kubectl get node node-1 -o jsonpath='{.spec.taints}{"\n"}'
kubectl taint node node-1 dedicated=gpu:NoSchedule
kubectl scale deployment web --replicas=8
sleep 20s
kubectl get pods -l app=web -o wide
kubectl describe node node-1
kubectl taint node node-1 dedicated-
kubectl taint node node-1 dedicated-
