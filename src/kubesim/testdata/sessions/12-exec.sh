# kubectl exec: a command run inside a running container, through the API server and the kubelet of
# the pod's node. It sees what the kubelet gave the container (a ConfigMap as a variable and as
# mounted files) and the image's own programs: nginx's Debian has a shell, http-echo has none. Exit
# codes, a command that takes time, standard input, a pod with two containers, pods that are not
# running, and a file a command changes in one container, which that nginx then serves.
kubectl create configmap web-config --from-literal=color=blue --from-literal=mode=dark
kubectl apply -f - <<EOF
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: nginx:1.27
        env:
        - name: COLOR
          valueFrom:
            configMapKeyRef:
              name: web-config
              key: color
        volumeMounts:
        - name: config
          mountPath: /etc/config
      volumes:
      - name: config
        configMap:
          name: web-config
EOF
# Too early: the containers are still being created.
kubectl exec deploy/web -- hostname
sleep 20s
kubectl get pods -o wide
kubectl exec deploy/web -- hostname
kubectl exec deploy/web -- env
kubectl exec deploy/web -- printenv COLOR
kubectl exec deploy/web -- ls /etc/config
# A value from --from-literal ends without a newline, so what follows starts on the same line.
kubectl exec deploy/web -- cat /etc/config/mode
kubectl exec deploy/web -- sh -c 'echo "color=$COLOR mode=$(cat /etc/config/mode) in $(pwd) as $(whoami)"'
# Exit codes: the command's own, a program the image does not have, the old form without --.
kubectl exec deploy/web -- ls /nope
kubectl exec deploy/web -- sh -c 'echo checking; exit 3'
kubectl exec deploy/web -- nope
kubectl exec deploy/web ls
kubectl exec deploy/web
# This terminal is no TTY: -it says so and sh reads an empty input. With -i alone, stdin goes in.
kubectl exec -it deploy/web -- sh
kubectl exec -i deploy/web -- sh <<EOF
echo "read from stdin by $(hostname)"
printenv COLOR
EOF
# A command that takes simulated time.
kubectl exec deploy/web -- sh -c 'echo start; sleep 3; echo end'
# A change made in one container stays in that container: one of the two pods serves it.
kubectl exec deploy/web -- sh -c 'echo "hello from $(hostname)" > /usr/share/nginx/html/index.html'
kubectl expose deployment web --port=80
sim curl http://web --count 4
# http-echo's image holds its one binary: no shell, no ls.
kubectl create deployment echo --image=hashicorp/http-echo -- /http-echo -text=hi
sleep 10s
kubectl exec deploy/echo -- sh
kubectl exec deploy/echo -- ls
# Two containers: without -c, the first, and kubectl says so.
kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: duo
spec:
  initContainers:
  - name: setup
    image: busybox:1.36
    command: ["sh", "-c", "echo setting up"]
  containers:
  - name: web
    image: nginx:1.27
  - name: sidecar
    image: busybox:1.36
    command: ["sh", "-c", "echo ready > /tmp/state; sleep 3600"]
EOF
sleep 15s
kubectl exec duo -- cat /etc/hostname
kubectl exec duo -c sidecar -- cat /tmp/state
kubectl exec duo -c web -- cat /tmp/state
kubectl exec duo -c setup -- ls
kubectl exec duo -c nope -- ls
# Pods that are not running, and objects that lead to no pod.
kubectl run once --image=busybox:1.36 --restart=Never -- echo done
sleep 5s
kubectl exec once -- ls
kubectl exec nope -- ls
kubectl exec svc/kubernetes -- ls
kubectl exec configmap/web-config -- ls
# A node whose kubelet is down: the API server cannot reach it to run anything there.
kubectl get pod duo -o wide
sim node-down node-1
kubectl exec duo -c sidecar -- ls
