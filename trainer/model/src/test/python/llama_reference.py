#!/usr/bin/python3
"""Reference LLaMA logits, independent of the Java implementation, for trainer's model tests.

A plain-PyTorch LlamaForCausalLM forward (as transformers' modeling_llama.py computes it: RMSNorm in float32,
rotary embeddings in the rotate-half layout with optional llama3 rope scaling, grouped-query attention via
repeat_kv, SwiGLU MLP, tied or untied lm_head) over weights read by a safetensors parser of its own
(F32, F16, BF16; single file or sharded with model.safetensors.index.json). Needs only torch and numpy:
Debian's python3-torch and python3-numpy, run with the system python (/usr/bin/python3).

Regenerate the committed fixtures (from the repository root):

    /usr/bin/python3 trainer/model/src/test/python/llama_reference.py fixtures trainer/model/src/test/resources/model

Logits of any Hugging Face LLaMA directory for given token ids:

    /usr/bin/python3 trainer/model/src/test/python/llama_reference.py logits MODEL_DIR '[[1, 5, 9]]'
"""
import json
import math
import os
import struct
import sys

import numpy as np
import torch

DTYPES = {"F32": (np.float32, 4), "F16": (np.float16, 2), "BF16": (np.uint16, 2)}


def read_safetensors(path):
    with open(path, "rb") as f:
        data = f.read()
    (header_len,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + header_len])
    base = 8 + header_len
    tensors = {}
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        np_type, size = DTYPES[entry["dtype"]]
        begin, end = entry["data_offsets"]
        raw = np.frombuffer(data[base + begin:base + end], dtype=np.dtype(np_type).newbyteorder("<"))
        if entry["dtype"] == "BF16":
            values = (raw.astype(np.uint32) << 16).view(np.float32)
        else:
            values = raw.astype(np.float32)
        tensors[name] = torch.from_numpy(values.copy().reshape(entry["shape"]))
    return tensors


def write_safetensors(path, tensors, dtype):
    header = {"__metadata__": {"format": "pt"}}
    blobs = []
    offset = 0
    for name in sorted(tensors):
        array = tensors[name].numpy().astype(np.float32)
        if dtype == "BF16":
            bits = array.view(np.uint32)
            rounded = ((bits + 0x7FFF + ((bits >> 16) & 1)) >> 16).astype("<u2")
            blob = rounded.tobytes()
        elif dtype == "F16":
            blob = array.astype("<f2").tobytes()
        else:
            blob = array.astype("<f4").tobytes()
        header[name] = {"dtype": dtype, "shape": list(array.shape), "data_offsets": [offset, offset + len(blob)]}
        blobs.append(blob)
        offset += len(blob)
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * ((8 - len(text) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for blob in blobs:
            f.write(blob)


def read_weights(model_dir):
    index = os.path.join(model_dir, "model.safetensors.index.json")
    if not os.path.exists(index):
        return read_safetensors(os.path.join(model_dir, "model.safetensors"))
    with open(index) as f:
        weight_map = json.load(f)["weight_map"]
    tensors = {}
    for shard in sorted(set(weight_map.values())):
        loaded = read_safetensors(os.path.join(model_dir, shard))
        tensors.update({k: v for k, v in loaded.items() if weight_map.get(k) == shard})
    return tensors


def inverse_frequencies(config):
    dim = config.get("head_dim") or config["hidden_size"] // config["num_attention_heads"]
    base = config.get("rope_theta", 10000.0)
    inv = 1.0 / (base ** (torch.arange(0, dim, 2, dtype=torch.int64).float() / dim))
    scaling = config.get("rope_scaling") or {}
    kind = scaling.get("rope_type", scaling.get("type", "default"))
    if kind == "linear":
        inv = inv / scaling["factor"]
    elif kind == "llama3":
        factor = scaling["factor"]
        low, high = scaling["low_freq_factor"], scaling["high_freq_factor"]
        old = scaling["original_max_position_embeddings"]
        low_wavelen, high_wavelen = old / low, old / high
        wavelen = 2 * math.pi / inv
        scaled = torch.where(wavelen > low_wavelen, inv / factor, inv)
        smooth = (old / wavelen - low) / (high - low)
        smoothed = (1 - smooth) * scaled / factor + smooth * scaled
        medium = ~(wavelen < high_wavelen) * ~(wavelen > low_wavelen)
        inv = torch.where(medium, smoothed, scaled)
    return inv


def rms_norm(x, weight, eps):
    variance = x.pow(2).mean(-1, keepdim=True)
    return weight * (x * torch.rsqrt(variance + eps))


def rotate_half(x):
    half = x.shape[-1] // 2
    return torch.cat((-x[..., half:], x[..., :half]), dim=-1)


def forward(config, w, ids):
    hidden = config["hidden_size"]
    heads = config["num_attention_heads"]
    kv_heads = config.get("num_key_value_heads") or heads
    head_dim = config.get("head_dim") or hidden // heads
    eps = config.get("rms_norm_eps", 1e-6)
    batch, seq = ids.shape
    x = w["model.embed_tokens.weight"][ids]
    freqs = torch.outer(torch.arange(seq, dtype=torch.float32), inverse_frequencies(config))
    emb = torch.cat((freqs, freqs), dim=-1)
    cos, sin = emb.cos(), emb.sin()
    mask = torch.full((seq, seq), torch.finfo(torch.float32).min).triu(1)
    for i in range(config["num_hidden_layers"]):
        p = "model.layers.%d." % i
        h = rms_norm(x, w[p + "input_layernorm.weight"], eps)
        q = (h @ w[p + "self_attn.q_proj.weight"].T).view(batch, seq, heads, head_dim).transpose(1, 2)
        k = (h @ w[p + "self_attn.k_proj.weight"].T).view(batch, seq, kv_heads, head_dim).transpose(1, 2)
        v = (h @ w[p + "self_attn.v_proj.weight"].T).view(batch, seq, kv_heads, head_dim).transpose(1, 2)
        q = q * cos + rotate_half(q) * sin
        k = k * cos + rotate_half(k) * sin
        k = k.repeat_interleave(heads // kv_heads, dim=1)
        v = v.repeat_interleave(heads // kv_heads, dim=1)
        scores = (q @ k.transpose(2, 3)) * head_dim ** -0.5 + mask
        context = torch.softmax(scores, dim=-1, dtype=torch.float32) @ v
        context = context.transpose(1, 2).reshape(batch, seq, heads * head_dim)
        x = x + context @ w[p + "self_attn.o_proj.weight"].T
        h = rms_norm(x, w[p + "post_attention_layernorm.weight"], eps)
        gate = h @ w[p + "mlp.gate_proj.weight"].T
        up = h @ w[p + "mlp.up_proj.weight"].T
        x = x + (torch.nn.functional.silu(gate) * up) @ w[p + "mlp.down_proj.weight"].T
    x = rms_norm(x, w["model.norm.weight"], eps)
    head = w["model.embed_tokens.weight"] if config.get("tie_word_embeddings") else w["lm_head.weight"]
    return x @ head.T


def logits(model_dir, ids):
    with open(os.path.join(model_dir, "config.json")) as f:
        config = json.load(f)
    with torch.no_grad():
        return forward(config, read_weights(model_dir), torch.tensor(ids, dtype=torch.int64))


FIXTURE_CONFIG = {
    "architectures": ["LlamaForCausalLM"], "model_type": "llama", "hidden_act": "silu",
    "hidden_size": 32, "intermediate_size": 64, "num_hidden_layers": 2, "num_attention_heads": 4,
    "num_key_value_heads": 2, "head_dim": 8, "rms_norm_eps": 1e-5, "rope_theta": 10000.0, "vocab_size": 96,
    "max_position_embeddings": 64, "bos_token_id": 1, "eos_token_id": 2, "torch_dtype": "bfloat16",
    "initializer_range": 0.02, "attention_dropout": 0.0, "pretraining_tp": 1, "use_cache": True,
}
FIXTURE_IDS = [[1, 17, 42, 5, 88, 23, 61, 9, 70, 33, 2, 95], [1, 3, 3, 3, 50, 12, 77, 41, 64, 8, 19, 30]]


def fixture_weights(config, seed):
    generator = torch.Generator().manual_seed(seed)
    h, inner, vocab = config["hidden_size"], config["intermediate_size"], config["vocab_size"]
    q_width = config["num_attention_heads"] * config["head_dim"]
    kv_width = config["num_key_value_heads"] * config["head_dim"]

    def normal(rows, cols, std):
        return torch.randn(rows, cols, generator=generator) * std

    def norm():
        return 1.0 + 0.2 * torch.randn(h, generator=generator)

    w = {"model.embed_tokens.weight": normal(vocab, h, 1.0), "model.norm.weight": norm()}
    for i in range(config["num_hidden_layers"]):
        p = "model.layers.%d." % i
        w[p + "input_layernorm.weight"] = norm()
        w[p + "post_attention_layernorm.weight"] = norm()
        w[p + "self_attn.q_proj.weight"] = normal(q_width, h, h ** -0.5)
        w[p + "self_attn.k_proj.weight"] = normal(kv_width, h, h ** -0.5)
        w[p + "self_attn.v_proj.weight"] = normal(kv_width, h, h ** -0.5)
        w[p + "self_attn.o_proj.weight"] = normal(h, q_width, q_width ** -0.5)
        w[p + "mlp.gate_proj.weight"] = normal(inner, h, h ** -0.5)
        w[p + "mlp.up_proj.weight"] = normal(inner, h, h ** -0.5)
        w[p + "mlp.down_proj.weight"] = normal(h, inner, inner ** -0.5)
    if not config["tie_word_embeddings"]:
        w["lm_head.weight"] = normal(vocab, h, h ** -0.5)
    return w


def write_fixture(out_dir, config, seed, dtype, shards):
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, "config.json"), "w") as f:
        json.dump(config, f, indent=2)
    weights = fixture_weights(config, seed)
    if shards == 1:
        write_safetensors(os.path.join(out_dir, "model.safetensors"), weights, dtype)
    else:
        names = sorted(weights)
        weight_map = {}
        for s in range(shards):
            shard = "model-%05d-of-%05d.safetensors" % (s + 1, shards)
            part = {n: weights[n] for n in names[s::shards]}
            write_safetensors(os.path.join(out_dir, shard), part, dtype)
            weight_map.update({n: shard for n in part})
        with open(os.path.join(out_dir, "model.safetensors.index.json"), "w") as f:
            json.dump({"metadata": {"total_size": 0}, "weight_map": weight_map}, f, indent=2)
    result = logits(out_dir, FIXTURE_IDS)
    with open(os.path.join(out_dir, "expected_logits.json"), "w") as f:
        json.dump({"input_ids": FIXTURE_IDS, "shape": list(result.shape),
                   "logits": [float("%.7g" % v) for v in result.flatten().tolist()]}, f)


def fixtures(root):
    untied = dict(FIXTURE_CONFIG, tie_word_embeddings=False)
    write_fixture(os.path.join(root, "llama-gqa-untied-bf16"), untied, 11, "BF16", 1)
    tied = dict(FIXTURE_CONFIG, tie_word_embeddings=True, torch_dtype="float16", rope_theta=500000.0,
                rope_scaling={"rope_type": "llama3", "factor": 8.0, "low_freq_factor": 1.0,
                              "high_freq_factor": 4.0, "original_max_position_embeddings": 16})
    write_fixture(os.path.join(root, "llama-gqa-tied-f16-sharded"), tied, 12, "F16", 2)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "fixtures":
        fixtures(sys.argv[2])
    elif len(sys.argv) == 4 and sys.argv[1] == "logits":
        print(json.dumps(logits(sys.argv[2], json.loads(sys.argv[3])).tolist()))
    else:
        sys.exit(__doc__)
