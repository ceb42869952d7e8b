# ConfigMaps and Secrets: the solution, step by step.
# step: configmap
kubectl apply -f app-config.yaml
kubectl get configmap app-config -o yaml
kubectl describe configmap app-config
# step: secret
kubectl create secret generic db-pass --from-literal=password=s3cr3t
kubectl get secret db-pass -o yaml
kubectl describe secret db-pass
# step: inside
kubectl apply -f show-config.yaml
sleep 5s
kubectl get pods
kubectl logs show-config
# step: missing
kubectl apply -f greeter.yaml
sleep 5s
kubectl get pods
kubectl describe pod greeter
kubectl create configmap greeting --from-literal=message="Hello from a ConfigMap"
kubectl get pods -w
sleep 12s
kubectl logs greeter
# step: use
kubectl apply -f web.yaml
sleep 15s
kubectl get pods
kubectl describe pod -l app=web
# step: update
# app-config.yaml with COLOR changed to green:
kubectl apply -f - <<EOF
apiVersion: v1
kind: ConfigMap
metadata:
  name: app-config
data:
  COLOR: green
  GREETING: hello
EOF
kubectl get pods
kubectl rollout restart deployment/web
kubectl rollout status deployment/web
kubectl get pods
