#!/usr/bin/python3
"""LoRA training throughput of the project's tiny LLaMA model in PyTorch: the baseline for TrainingBench.

The same model (config.json + model.safetensors written by the Java side), the same fixed batch (token ids
from the formula TrainingBench uses), the same step: LoRA r 8, alpha 16, dropout 0.05 on q_proj and v_proj,
loss on every token, AdamW at a constant 3e-3, global-norm clipping at 1. Prints one JSON line: median step
wall time and tokens/s, the same from this thread's CPU time, and peak RSS.
Needs Debian's python3-torch and python3-numpy; run with /usr/bin/python3.

usage: torch_lora_bench.py MODEL_DIR [--batch 8] [--seq 128] [--steps 30] [--warmup 5] [--threads 1]
"""
import argparse
import json
import math
import resource
import statistics
import struct
import time

import numpy as np
import torch
import torch.nn.functional as F

DTYPES = {"F32": np.float32, "F16": np.float16}


def read_safetensors(path):
    with open(path, "rb") as f:
        (length,) = struct.unpack("<Q", f.read(8))
        header = json.loads(f.read(length))
        data = f.read()
    tensors = {}
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        begin, end = entry["data_offsets"]
        raw = data[begin:end]
        if entry["dtype"] == "BF16":
            values = np.frombuffer(raw, dtype=np.uint16).astype(np.uint32) << 16
            array = values.view(np.float32)
        else:
            array = np.frombuffer(raw, dtype=DTYPES[entry["dtype"]]).astype(np.float32)
        tensors[name] = torch.from_numpy(array.copy()).reshape(entry["shape"])
    return tensors


class Lora(torch.nn.Module):
    def __init__(self, weight, r, alpha, dropout):
        super().__init__()
        out_features, in_features = weight.shape
        self.weight = weight  # frozen base weight, not a parameter
        self.lora_A = torch.nn.Parameter(torch.empty(r, in_features).uniform_(-1 / math.sqrt(in_features),
                                                                              1 / math.sqrt(in_features)))
        self.lora_B = torch.nn.Parameter(torch.zeros(out_features, r))
        self.scaling = alpha / r
        self.dropout = dropout

    def forward(self, x):
        update = F.linear(F.linear(F.dropout(x, self.dropout, self.training), self.lora_A), self.lora_B)
        return F.linear(x, self.weight) + update * self.scaling


class TinyLlama(torch.nn.Module):
    def __init__(self, config, weights, r, alpha, dropout, targets):
        super().__init__()
        self.c = config
        self.w = weights
        self.head_dim = config.get("head_dim") or config["hidden_size"] // config["num_attention_heads"]
        self.kv_heads = config.get("num_key_value_heads") or config["num_attention_heads"]
        self.lora = torch.nn.ModuleDict()
        for i in range(config["num_hidden_layers"]):
            for proj in targets:
                key = f"model.layers.{i}.self_attn.{proj}.weight"
                self.lora[f"{i}_{proj}"] = Lora(weights[key], r, alpha, dropout)
        half = self.head_dim // 2
        inv = config.get("rope_theta", 10000.0) ** (-torch.arange(0, half, dtype=torch.float64) * 2 / self.head_dim)
        self.inv_freq = inv

    def proj(self, i, name, x):
        key = f"{i}_{name}"
        if key in self.lora:
            return self.lora[key](x)
        return F.linear(x, self.w[f"model.layers.{i}.self_attn.{name}.weight"])

    def rms(self, x, weight):
        eps = self.c["rms_norm_eps"]
        return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + eps) * weight

    def rotary(self, seq):
        angles = torch.outer(torch.arange(seq, dtype=torch.float64), self.inv_freq)
        angles = torch.cat([angles, angles], dim=-1)
        return angles.cos().float(), angles.sin().float()

    @staticmethod
    def rotate(x, cos, sin):
        half = x.shape[-1] // 2
        rotated = torch.cat([-x[..., half:], x[..., :half]], dim=-1)
        return x * cos + rotated * sin

    def forward(self, ids):
        c, w = self.c, self.w
        batch, seq = ids.shape
        heads = c["num_attention_heads"]
        groups = heads // self.kv_heads
        cos, sin = self.rotary(seq)
        mask = torch.full((seq, seq), float("-inf")).triu(1)
        h = F.embedding(ids, w["model.embed_tokens.weight"])
        for i in range(c["num_hidden_layers"]):
            p = f"model.layers.{i}"
            x = self.rms(h, w[f"{p}.input_layernorm.weight"])
            q = self.proj(i, "q_proj", x).view(batch, seq, heads, self.head_dim).transpose(1, 2)
            k = self.proj(i, "k_proj", x).view(batch, seq, self.kv_heads, self.head_dim).transpose(1, 2)
            v = self.proj(i, "v_proj", x).view(batch, seq, self.kv_heads, self.head_dim).transpose(1, 2)
            q, k = self.rotate(q, cos, sin), self.rotate(k, cos, sin)
            k = k.repeat_interleave(groups, dim=1)
            v = v.repeat_interleave(groups, dim=1)
            scores = q @ k.transpose(-1, -2) / math.sqrt(self.head_dim) + mask
            context = (scores.softmax(-1) @ v).transpose(1, 2).reshape(batch, seq, heads * self.head_dim)
            h = h + self.proj(i, "o_proj", context)
            x = self.rms(h, w[f"{p}.post_attention_layernorm.weight"])
            gate = F.linear(x, w[f"{p}.mlp.gate_proj.weight"])
            up = F.linear(x, w[f"{p}.mlp.up_proj.weight"])
            h = h + F.linear(F.silu(gate) * up, w[f"{p}.mlp.down_proj.weight"])
        h = self.rms(h, w["model.norm.weight"])
        head = w["model.embed_tokens.weight"] if c.get("tie_word_embeddings") else w["lm_head.weight"]
        return F.linear(h, head)


def fixed_batch(batch, seq, vocab):
    rows = [[(r * 7919 + t * 104729 + 13) % vocab for t in range(seq + 1)] for r in range(batch)]
    return torch.tensor(rows, dtype=torch.long)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("model_dir")
    parser.add_argument("--batch", type=int, default=8)
    parser.add_argument("--seq", type=int, default=128)
    parser.add_argument("--steps", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.set_num_interop_threads(1)
    torch.manual_seed(7)

    with open(f"{args.model_dir}/config.json") as f:
        config = json.load(f)
    weights = read_safetensors(f"{args.model_dir}/model.safetensors")
    model = TinyLlama(config, weights, r=8, alpha=16, dropout=0.05, targets=["q_proj", "v_proj"])
    model.train()
    optimizer = torch.optim.AdamW(model.parameters(), lr=3e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0)
    ids = fixed_batch(args.batch, args.seq, config["vocab_size"])
    inputs, targets = ids[:, :-1], ids[:, 1:]

    seconds = []
    cpu_seconds = []
    for step in range(args.warmup + args.steps):
        start = time.perf_counter()
        cpu_start = time.thread_time()
        optimizer.zero_grad(set_to_none=False)
        logits = model(inputs)
        loss = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), targets.reshape(-1))
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        value = loss.item()
        if step >= args.warmup:
            cpu_seconds.append(time.thread_time() - cpu_start)
            seconds.append(time.perf_counter() - start)
    median = statistics.median(seconds)
    median_cpu = statistics.median(cpu_seconds)
    print(json.dumps({"impl": "pytorch", "torch": torch.__version__, "threads": args.threads, "batch": args.batch,
                      "seq": args.seq, "steps": args.steps, "median_step_ms": round(median * 1000, 3),
                      "tokens_per_s": round(args.batch * args.seq / median, 1),
                      "median_cpu_ms": round(median_cpu * 1000, 3),
                      "cpu_tokens_per_s": round(args.batch * args.seq / median_cpu, 1),
                      "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
                      "last_loss": round(value, 4)}))


if __name__ == "__main__":
    main()
