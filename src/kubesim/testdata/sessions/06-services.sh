# Services: a ClusterIP in front of http-echo pods, its endpoints, requests spread over the pods, NodePorts
# on the nodes' IPs; no endpoints means connections refused; pods that are not ready leave the endpoints.
kubectl create deployment echo --image=hashicorp/http-echo:1.0 --replicas=3 -- /http-echo -text=hello
kubectl expose deployment echo --port=80 --target-port=5678
sleep 20s
kubectl get svc echo
kubectl get endpoints echo
kubectl describe svc echo
sim curl http://echo --count 6
sim curl http://echo.default.svc.cluster.local/ --count 2
kubectl expose deployment echo --name=echo-np --type=NodePort --port=80 --target-port=5678
kubectl get svc echo-np -o jsonpath='{.spec.type} {.spec.ports[0].port}{"\n"}'
kubectl apply -f - <<EOF
apiVersion: v1
kind: Service
metadata:
  name: echo-fixed
spec:
  type: NodePort
  selector:
    app: echo
  ports:
  - port: 80
    targetPort: 5678
    nodePort: 30080
EOF
kubectl get svc
kubectl get nodes -o wide
sim curl http://172.18.0.3:30080 --count 2
kubectl scale deployment echo --replicas=0
sleep 35s
kubectl get endpoints echo
sim curl http://echo
sim curl http://nothing-here
kubectl scale deployment echo --replicas=3
sleep 20s
kubectl get endpoints echo
# A crashed container is not ready: its pod leaves the endpoints until the container runs again.
kubectl get pods -l app=echo
sim crash echo-7879d4d9d9-5gv84
kubectl get endpoints echo
sim curl http://echo --count 4
sleep 5s
kubectl get endpoints echo
# A readiness probe that fails (nginx answers 404 for /ready) keeps pods out of the Service.
kubectl apply -f - <<EOF2
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
      - name: nginx
        image: nginx:1.27
        ports:
        - containerPort: 80
        readinessProbe:
          httpGet:
            path: /ready
            port: 80
          periodSeconds: 5
EOF2
kubectl expose deployment web --port=80
sleep 30s
kubectl get pods -l app=web
kubectl get endpoints web
kubectl describe endpoints web
sim curl http://web
kubectl describe pod web-5947cd6c5-j9fb5
# Probe a path nginx serves: the new pods turn ready and take their place in the endpoints.
kubectl apply -f - <<EOF2
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
      - name: nginx
        image: nginx:1.27
        ports:
        - containerPort: 80
        readinessProbe:
          httpGet:
            path: /
            port: 80
          periodSeconds: 5
EOF2
kubectl rollout status deployment/web
kubectl get pods -l app=web
kubectl get endpoints web
sim curl http://web --count 2
# A pod and a Service in one go.
kubectl run hello --image=hashicorp/http-echo:1.0 --port=5678 --expose -- -text=hi
sleep 10s
sim curl http://hello:5678
kubectl get svc hello -o wide
# A Service from the create service generator, and one created from a manifest.
kubectl create service nodeport front --tcp=80:5678 --node-port=30090
kubectl describe svc front
kubectl create -f - <<EOF
apiVersion: v1
kind: Service
metadata:
  name: echo-headless
spec:
  clusterIP: None
  selector:
    app: echo
  ports:
  - port: 5678
EOF
kubectl get svc front echo-headless
