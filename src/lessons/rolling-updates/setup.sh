# The Deployment from the last lesson, four replicas of nginx:1.27, rolled out.
kubectl apply -f web.yaml
sleep 20s
