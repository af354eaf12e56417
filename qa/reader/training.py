"""Training the span reader: windows with answer positions, cached frozen layers, a budgeted loop that
checkpoints and resumes, and the dev score."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np
import torch
from tqdm import tqdm

from qa.reader.drcd import Example
from qa.reader.model import AdapterConfig, SpanReaderNet
from qa.reader.windows import WindowParams, answer_positions, make_windows

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class TrainParams:
    """Every setting that changes the trained weights (recorded in the model card)."""

    epochs: int = 3
    batch_size: int = 32
    learning_rate: float = 5e-4
    warmup_share: float = 0.06
    weight_decay: float = 0.01
    dropout: float = 0.0  # adapter dropout; the frozen layers run without (on CPU it costs a third)
    negative_share: float = 0.2  # share of the windows without the answer that are kept
    seed: int = 13
    windows: WindowParams = field(default_factory=WindowParams)
    adapters: AdapterConfig = field(default_factory=AdapterConfig)

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Budget:
    """When to stop a run early (it can be resumed from its checkpoint)."""

    max_minutes: float | None = None
    max_steps: int | None = None
    checkpoint_minutes: float = 5.0

    def spent(self, started: float, step: int) -> bool:
        """Whether a run that began at `started` (monotonic seconds) and reached `step` must stop."""
        late = self.max_minutes is not None and time.monotonic() - started > self.max_minutes * 60
        return late or (self.max_steps is not None and step >= self.max_steps)


@dataclass(frozen=True)
class TrainingSet:
    input_ids: torch.Tensor
    attention_mask: torch.Tensor
    starts: torch.Tensor
    ends: torch.Tensor


def training_windows(tokenizer, examples: Sequence[Example], params: TrainParams) -> TrainingSet:
    """Every window holding its answer, and a seeded share of those that don't (taught to say 0)."""
    windows = make_windows(
        tokenizer, [e.question for e in examples], [e.context for e in examples], params.windows
    )
    rng = np.random.default_rng(params.seed)
    keep, starts, ends = [], [], []
    for index in range(len(windows)):
        example = examples[int(windows.pair[index])]
        end_char = example.answer_start + len(example.answer_text)
        start, end = answer_positions(windows.offsets[index], example.answer_start, end_char)
        if start == 0 and rng.random() >= params.negative_share:
            continue
        keep.append(index)
        starts.append(start)
        ends.append(end)
    logger.info("%d training windows of %d (%d questions)", len(keep), len(windows), len(examples))
    return TrainingSet(
        torch.from_numpy(windows.input_ids[keep]),
        torch.from_numpy(windows.attention_mask[keep]),
        torch.tensor(starts),
        torch.tensor(ends),
    )


@torch.no_grad()
def cache_lower(net: SpanReaderNet, data: TrainingSet, batch_size: int = 64) -> torch.Tensor:
    """The frozen layers' output for every window, once (float16 to halve the memory)."""
    net.eval()
    device = net.device
    parts = []
    for first in tqdm(range(0, len(data.starts), batch_size), desc="frozen layers", unit="batch"):
        ids = data.input_ids[first : first + batch_size].to(device)
        mask = data.attention_mask[first : first + batch_size].to(device)
        parts.append(net.lower(ids, mask).to(torch.float16).cpu())  # kept off the GPU
    return torch.cat(parts)


def _schedule(total_steps: int, warmup_share: float) -> Callable[[int], float]:
    warmup = max(1, int(total_steps * warmup_share))

    def factor(step: int) -> float:
        if step < warmup:
            return (step + 1) / warmup
        return max(0.0, (total_steps - step) / max(1, total_steps - warmup))

    return factor


def _step_loss(net: SpanReaderNet, hidden: torch.Tensor, mask: torch.Tensor, starts, ends) -> torch.Tensor:
    logits = net.upper(hidden.float(), mask)
    masked = logits.masked_fill(mask[:, :, None] == 0, -1e4)
    loss_start = torch.nn.functional.cross_entropy(masked[:, :, 0], starts)
    loss_end = torch.nn.functional.cross_entropy(masked[:, :, 1], ends)
    return (loss_start + loss_end) / 2


def _adapter_dropout(net: SpanReaderNet, on: bool) -> None:
    from qa.reader.lora import LoRALinear

    for module in net.modules():
        if isinstance(module, LoRALinear):
            module.dropout.train(on)


def _permutation(count: int, seed: int, epoch: int) -> torch.Tensor:
    generator = torch.Generator().manual_seed(seed * 1000 + epoch)
    return torch.randperm(count, generator=generator)


def _save_checkpoint(path: Path, step: int, net: SpanReaderNet, optimizer, scheduler, params) -> None:
    """Written to a temp file and renamed: a kill mid-write leaves the previous checkpoint."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_suffix(".tmp")
    torch.save(
        {
            "step": step,
            "trained": net.trained_state(),
            "optimizer": optimizer.state_dict(),
            "scheduler": scheduler.state_dict(),
            "params": params.to_dict(),
            "rng": torch.get_rng_state(),
        },
        temp,
    )
    temp.replace(path)


def _resume(path: Path, net: SpanReaderNet, optimizer, scheduler, params: TrainParams) -> int:
    """The step to start from: 0, or that of a checkpoint written with the same settings."""
    if not path.is_file():
        return 0
    saved = torch.load(path, map_location="cpu", weights_only=True)
    if saved["params"] != params.to_dict():
        logger.warning("checkpoint %s was made with other settings; starting afresh", path)
        return 0
    net.load_trained_state(saved["trained"])
    optimizer.load_state_dict(saved["optimizer"])
    scheduler.load_state_dict(saved["scheduler"])
    torch.set_rng_state(saved["rng"])
    logger.info("resuming from step %d of %s", saved["step"], path)
    return int(saved["step"])


def _optimise(net: SpanReaderNet, optimizer, scheduler, data: TrainingSet, hidden, batch) -> float:
    """One optimiser step on the windows `batch`; the loss before it."""
    device = net.device
    loss = _step_loss(
        net, hidden[batch].to(device), data.attention_mask[batch].to(device),
        data.starts[batch].to(device), data.ends[batch].to(device),
    )  # fmt: skip
    optimizer.zero_grad(set_to_none=True)
    loss.backward()
    optimizer.step()
    scheduler.step()
    return float(loss.item())


def train(
    net: SpanReaderNet,
    data: TrainingSet,
    hidden: torch.Tensor,
    params: TrainParams,
    budget: Budget,
    checkpoint: Path,
) -> bool:
    """Train the adapters and head; True when every planned step is done, False when the budget ran
    out first (the checkpoint then holds the progress, and the same call resumes it)."""
    trainable = [p for p in net.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(trainable, lr=params.learning_rate, weight_decay=params.weight_decay)
    per_epoch = -(-len(data.starts) // params.batch_size)
    total = per_epoch * params.epochs
    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, _schedule(total, params.warmup_share))
    step = _resume(checkpoint, net, optimizer, scheduler, params)
    started = last_save = time.monotonic()
    net.eval()  # frozen layers: no dropout; adapter dropout modules are switched on below
    _adapter_dropout(net, params.dropout > 0)
    with tqdm(total=total, initial=step, desc="training", unit="step") as bar:
        while step < total:
            epoch, index = divmod(step, per_epoch)
            order = _permutation(len(data.starts), params.seed, epoch)
            batch = order[index * params.batch_size : (index + 1) * params.batch_size]
            loss = _optimise(net, optimizer, scheduler, data, hidden, batch)
            step += 1
            bar.update(1)
            bar.set_postfix(loss=f"{loss:.3f}", epoch=epoch + 1)
            stop = budget.spent(started, step)
            if stop or step == total or time.monotonic() - last_save > budget.checkpoint_minutes * 60:
                _save_checkpoint(checkpoint, step, net, optimizer, scheduler, params)
                last_save = time.monotonic()
            if stop and step < total:
                logger.info("budget reached at step %d of %d; run again to resume", step, total)
                return False
    return True
