# Labels and selectors: the solution, step by step.
# step: run
kubectl apply -f pods.yaml
sleep 10s
kubectl get pods --show-labels
kubectl get pods -L app,tier,env
# step: equality
kubectl get pods -l app=web
kubectl get pods -l app!=web
kubectl get pods -l tier=frontend,env=prod
# step: sets
kubectl get pods -l 'env in (prod,staging)'
kubectl get pods -l 'env notin (prod)'
# step: relabel
kubectl label pods -l app=web team=blue
kubectl label pod web-dev env=staging --overwrite
kubectl label pod web-dev team-
kubectl get pods -L env,team
kubectl get pods -l env=staging
# step: delete
kubectl delete pods -l env=staging
kubectl get pods --show-labels
