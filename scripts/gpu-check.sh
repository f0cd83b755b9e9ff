#!/usr/bin/env bash
# The CUDA check for a machine with an NVIDIA GPU (CUDA 12 + cuDNN 9): builds with ONNX Runtime's CUDA package and
# runs the same pipeline on the CPU and with --device cuda, side by side, on one warm machine.
# Usage: ./scripts/gpu-check.sh [images] [pipeline]
set -euo pipefail
cd "$(dirname "$0")/.."
images=${1:-200}
pipeline=${2:-ocr}
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader || { echo "gpu-check: no NVIDIA GPU here" >&2; exit 2; }
./scripts/setup.sh
dotnet build src/VisionPipeline.Cli -c Release -p:VisionGpu=true --nologo -v q -o out/gpu-build
run() { dotnet out/gpu-build/vision.dll bench -p "$pipeline" -i sample-images --images "$images" "$@"; }
echo "== cpu";             run --device cpu  --json out/gpu-check-cpu.json
echo "== cuda";            run --device cuda --json out/gpu-check-cuda.json
echo "== cuda, --batch 4"; run --device cuda --batch 4 --json out/gpu-check-cuda-b4.json
dotnet out/gpu-build/vision.dll run -p "$pipeline" -i sample-images -o out/gpu-check-cpu-run -q --device cpu
dotnet out/gpu-build/vision.dll run -p "$pipeline" -i sample-images -o out/gpu-check-cuda-run -q --device cuda
# Same detections and texts on both devices (numbers may differ in the last digits).
diff <(grep -o '"text":"[^"]*"' out/gpu-check-cpu-run/results.jsonl) <(grep -o '"text":"[^"]*"' out/gpu-check-cuda-run/results.jsonl) \
  && echo "gpu-check: CPU and CUDA read the same texts"
