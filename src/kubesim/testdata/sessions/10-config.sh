# Configuration: ConfigMaps and Secrets from literals, environment variables set on a Deployment and
# read from a ConfigMap, and logs (--tail, --previous, -c for one container of several); the values
# inside a container (env, $(VAR) expansion, mounted files), a pod in CreateContainerConfigError and
# one in ContainerCreating (FailedMount) until the ConfigMap they need exists, and a mounted file that
# follows a ConfigMap change while the environment does not; then a DaemonSet that runs a pod on every
# worker, and its rolling update (old pod first, then the new one).
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
# The values inside a container: env from a key, a Secret key and a whole ConfigMap (with a prefix),
# $(VAR) expanded by the kubelet in args ($$ escapes it), and the ConfigMap mounted as files.
kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: reader
spec:
  restartPolicy: Never
  containers:
  - name: app
    image: busybox:1.36
    command: ["sh", "-c"]
    args:
    - |
      echo "color=$COLOR size=$APP_size password=$DB_PASSWORD"
      echo 'by the kubelet: $(COLOR), escaped: $$(COLOR)'
      ls /etc/config; cat /etc/config/size; echo
    env:
    - name: COLOR
      valueFrom:
        configMapKeyRef:
          name: app-config
          key: color
    - name: DB_PASSWORD
      valueFrom:
        secretKeyRef:
          name: db-pass
          key: password
    envFrom:
    - configMapRef:
        name: app-config
      prefix: APP_
    volumeMounts:
    - name: config
      mountPath: /etc/config
  volumes:
  - name: config
    configMap:
      name: app-config
EOF
sleep 5s
kubectl get pod reader
kubectl logs reader
# A ConfigMap that does not exist yet: the container waits in CreateContainerConfigError, the kubelet
# tries again at every sync of the pod (10 s), and the pod starts once the ConfigMap is there.
kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: early
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: ["sh", "-c", 'echo "mode is $MODE"; sleep 3600']
    env:
    - name: MODE
      valueFrom:
        configMapKeyRef:
          name: web-config
          key: mode
EOF
sleep 15s
kubectl get pod early
kubectl describe pod early
kubectl logs early
kubectl create configmap web-config --from-literal=mode=dark
sleep 10s
kubectl get pod early
kubectl logs early
# A configMap volume whose ConfigMap is missing: no sandbox yet, FailedMount with a growing back-off.
kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: mounter
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: ["sh", "-c", 'while true; do echo "file=$(cat /etc/web/mode) env=$MODE"; sleep 10; done']
    env:
    - name: MODE
      valueFrom:
        configMapKeyRef:
          name: web-settings
          key: mode
    volumeMounts:
    - name: web
      mountPath: /etc/web
  volumes:
  - name: web
    configMap:
      name: web-settings
EOF
sleep 10s
kubectl get pod mounter
kubectl describe pod mounter
kubectl apply -f - <<EOF
apiVersion: v1
kind: ConfigMap
metadata:
  name: web-settings
data:
  mode: dark
EOF
sleep 10s
kubectl get pod mounter
kubectl get events --field-selector involvedObject.name=mounter
# A change reaches the mounted file at the pod's next periodic sync; the environment stays as it was.
kubectl apply -f - <<EOF
apiVersion: v1
kind: ConfigMap
metadata:
  name: web-settings
data:
  mode: light
EOF
sleep 70s
kubectl logs mounter --tail=3
kubectl delete pod reader early mounter --grace-period=1
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
