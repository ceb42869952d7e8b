# ReplicaSets and self-healing: the solution, step by step.
# Pod names end in random letters, so the solution picks Pods by label and node; in the terminal you
# can copy a name from kubectl get pods instead.
# step: create
kubectl apply -f rs.yaml
sleep 10s
kubectl get rs
kubectl get pods -o wide
# step: self-heal
kubectl delete pod -l app=web --field-selector spec.nodeName=node-1
kubectl get pods -o wide
sleep 5s
kubectl get pods -o wide
kubectl describe rs web
# step: scale
kubectl scale rs web --replicas=5
sleep 10s
kubectl get pods -o wide
kubectl scale rs web --replicas=3
sleep 5s
kubectl get pods -o wide
# step: orphan
kubectl label pod -l app=web --field-selector spec.nodeName=node-2 app=debug --overwrite
sleep 5s
kubectl get pods -o custom-columns=NAME:.metadata.name,APP:.metadata.labels.app,OWNER:.metadata.ownerReferences[*].name
# step: adopt
kubectl apply -f extra.yaml
kubectl get pods
kubectl describe rs web
