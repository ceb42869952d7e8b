# Two http-echo Pods that answer "hello" on port 5678, from a Deployment named echo.
kubectl apply -f echo.yaml
sleep 20s
