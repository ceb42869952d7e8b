# Configuration: ConfigMaps and Secrets from literals, environment variables, and logs.
kubectl create configmap app-config --from-literal=color=blue --from-literal=size=large
kubectl create secret generic db-pass --from-literal=password=s3cr3t
kubectl get configmap app-config -o yaml
kubectl get secret db-pass -o jsonpath='{.data.password}{"\n"}'
kubectl describe secret db-pass
kubectl run printer --image=busybox:1.36 --restart=Never --env=GREETING=hello -- sh -c 'echo "$GREETING from $HOSTNAME"; date; exit 0'
sleep 10s
kubectl get pod printer
kubectl logs printer
kubectl create deployment web --image=nginx:1.27
kubectl set env deployment/web MODE=production
kubectl set env deployment/web --list
sleep 30s
kubectl get pods
kubectl logs deployment/web --tail=3
kubectl run counter --image=busybox:1.36 -- sh -c 'i=0; while true; do echo "tick $i"; i=$((i+1)); sleep 5; done'
sleep 21s
kubectl logs counter --tail=2
sim crash counter
sleep 3s
kubectl logs counter --previous --tail=1
kubectl get pods counter
kubectl delete configmap app-config
kubectl delete secret db-pass
