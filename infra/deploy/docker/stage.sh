#!/bin/sh
# Runs one stage of the image: stage.sh STAGE [--config FILE] [key=value ...]
set -e
stage="$1"; shift || true
case "$stage" in
  generator) module=stream-generator; main=org.bioinstruct.generator.GeneratorMain ;;
  filter)    module=stream-filter;    main=org.bioinstruct.filter.FilterMain;;
  trainer)   module=trainer;          main=org.bioinstruct.trainer.TrainerMain ;;
  evaluator) module=evaluator;        main=org.bioinstruct.evaluator.EvaluatorMain ;;
  registry)  module=registry-server;  main=org.bioinstruct.infra.registry.SchemaRegistryServer ;;
  dashboard) module=cli;              main=org.bioinstruct.infra.cli.BioInstructCli; set -- dashboard "$@" ;;
  bioinstruct) module=cli;            main=org.bioinstruct.infra.cli.BioInstructCli ;;
  *) echo "usage: stage.sh generator|filter|trainer|evaluator|registry|dashboard|bioinstruct [args]" >&2; exit 2 ;;
esac
exec java ${JAVA_OPTS:--XX:MaxRAMPercentage=75} -Dai.djl.offline=true \
  -cp "/opt/bioinstruct/$module/*:/opt/bioinstruct/$module/lib/*" "$main" "$@"
