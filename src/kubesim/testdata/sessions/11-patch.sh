# kubectl patch: a live object changed in place. A blue/green switch (one Service, two Deployments,
# the selector patched from blue to green), a Service made a NodePort, a container's command changed
# by strategic merge (containers merge by name), replicas by JSON patch, the scale subresource and a
# YAML patch. Mistakes read as kubectl and the API server word them, and change nothing.
kubectl create deployment blue --image=hashicorp/http-echo:1.0 --replicas=2 -- /http-echo -text=blue
kubectl create deployment green --image=hashicorp/http-echo:1.0 --replicas=2 -- /http-echo -text=green
kubectl expose deployment blue --name=web --port=80 --target-port=5678
sleep 20s
sim curl http://web --count 2
kubectl patch service web -p '{"spec":{"selector":{"app":"green"}}}'
sim curl http://web --count 2
kubectl get endpoints web
kubectl patch service web -p '{"spec":{"selector":{"app":"green"}}}'
kubectl patch svc web --type=merge -p '{"spec":{"type":"NodePort"}}'
kubectl get svc web
# Strategic merge: the containers list merges by name, so only the container named http-echo changes.
kubectl patch deployment green -p '{"spec":{"template":{"spec":{"containers":[{"name":"http-echo","command":["/http-echo","-text=green v2"]}]}}}}'
kubectl rollout status deployment green
sim curl http://web --count 2
kubectl patch deployment green --type=json -p '[{"op":"replace","path":"/spec/replicas","value":3}]'
kubectl patch deployment green --subresource=scale --type=merge -p '{"spec":{"replicas":1}}'
kubectl patch deployment green -p $'spec:\n  replicas: 2' -o jsonpath='{.spec.replicas}{"\n"}'
kubectl get deployments
# Mistakes: a misspelt field (dropped, with a warning), shell quoting, YAML, a JSON patch that is not a
# list or whose test fails, a number in quotes, a missing Service, no patch at all.
kubectl patch service web -p '{"spec":{"selectr":{"app":"blue"}}}'
kubectl patch service web -p "{'spec':{'selector':{'app':'blue'}}}"
kubectl patch service web -p 'spec: selector: app: blue'
kubectl patch service web --type=json -p '{"op":"replace","path":"/spec/selector/app","value":"blue"}'
kubectl patch service web --type=json -p '[{"op":"test","path":"/spec/selector/app","value":"blue"}]'
kubectl patch deployment green -p '{"spec":{"replicas":"3"}}'
kubectl patch service webb -p '{"spec":{"selector":{"app":"blue"}}}'
kubectl patch service web
# A dry run says only "patched", as kubectl 1.33 does, and the selector stays green.
kubectl patch service web --dry-run=server -p '{"spec":{"selector":{"app":"blue"}}}'
kubectl get service web -o jsonpath='{.spec.selector.app}{"\n"}'
