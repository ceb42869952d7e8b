# Configuration: ConfigMaps and Secrets from literals, environment variables set on a Deployment and
# read from a ConfigMap, and logs (--tail, --previous, -c for one container of several); then a
# DaemonSet that runs a pod on every worker, and its rolling update (old pod first, then the new one).
kubectl create configmap app-config --from-literal=color=blue --from-literal=size=large
kubectl create secret generic db-pass --from-literal=password=s3cr3t
kubectl get configmap app-config -o yaml
kubectl get configmaps,secrets
kubectl describe configmap app-config
kubectl get secret db-pass -o jsonpath='{.data.password}{"\n"}'
kubectl describe secret db-pass
kubectl run printer --image=busybox:1.36 --restart=Never --env=GREETING=hello -- sh -c 'echo "$GREETING from $HOSTNAME"; date; exit 0'
sleep 10s
kubectl get pod printer
kubectl logs printer
kubectl create deployment web --image=nginx:1.27
kubectl set env deployment/web MODE=production
kubectl set env deployment/web --from=configmap/app-config --prefix=APP_
kubectl set env deployment/web --list
sleep 30s
kubectl get pods
kubectl describe deployment web
kubectl logs deployment/web --tail=3
kubectl set env deployment/web MODE-
kubectl set env deployment/web --list
kubectl run counter --image=busybox:1.36 -- sh -c 'i=0; while true; do echo "tick $i"; i=$((i+1)); sleep 5; done'
sleep 21s
kubectl logs counter --tail=2
sim crash counter
sleep 3s
kubectl logs counter --previous --tail=1
kubectl logs counter
kubectl get pods counter
# Two containers in one pod: logs needs to know which one.
kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: duo
spec:
  containers:
  - name: web
    image: nginx:1.27
  - name: sidecar
    image: busybox:1.36
    command: ["sh", "-c", "while true; do echo sidecar alive; sleep 10; done"]
EOF
sleep 15s
kubectl get pod duo
kubectl logs duo --tail=1
kubectl logs duo -c sidecar
kubectl logs duo -c nope
kubectl logs duo --all-containers --prefix --tail=1
kubectl delete configmap app-config
kubectl delete secret db-pass
# A DaemonSet: one pod per schedulable worker, none on the tainted control plane.
kubectl apply -f - <<EOF
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector:
    matchLabels:
      app: agent
  template:
    metadata:
      labels:
        app: agent
    spec:
      containers:
      - name: agent
        image: busybox:1.36
        command: ["sh", "-c", "while true; do echo collecting; sleep 30; done"]
EOF
kubectl rollout status daemonset/agent
kubectl get ds agent
kubectl get pods -l app=agent -o wide
kubectl get ds -n kube-system
kubectl describe ds agent
# A rolling update (maxUnavailable 1, maxSurge 0): each node's old pod is deleted first; busybox's sh
# ignores SIGTERM, so it stays Terminating for its 30 s grace period, and only then does the new pod
# start on that node.
kubectl set image ds/agent agent=busybox:1.37
sleep 5s
kubectl get pods -l app=agent -o wide
kubectl rollout status ds/agent
kubectl get pods -l app=agent -o wide
