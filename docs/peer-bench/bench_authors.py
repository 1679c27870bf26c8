"""Times the authors' GridWorld FPO (akanazawa/fpo, gridworld/) at the lab's paper GridWorld settings:
4,096 env steps per iteration, 10 epochs x 6 minibatches, 50 (tau, eps) pairs. Rollout + update per iteration;
no evaluation runs inside learn(). wandb is stubbed; rendering and saving are off."""
import sys, time, types
wb = types.ModuleType("wandb")
wb.log = lambda *a, **k: None; wb.save = lambda *a, **k: None; wb.init = lambda *a, **k: None
wb.Histogram = lambda *a, **k: None
sys.modules["wandb"] = wb
import torch
from models.fpo import FPO
from models.network import FeedForwardNN
from models.diffusion_policy import DiffusionPolicy
from utils.gridworld import GridWorldEnv

iters = int(sys.argv[1]) if len(sys.argv) > 1 else 8
torch.manual_seed(0)
hp = {'timesteps_per_batch': 4096, 'max_timesteps_per_episode': 200, 'gamma': 0.99,
      'n_updates_per_iteration': 10, 'lr': 3e-4, 'clip': 0.2, 'render': False, 'render_every_i': 1000,
      'grid_mode': 'two_walls', 'num_fpo_samples': 50, 'positive_advantage': False, 'save_freq': 10**9,
      'run_name': 'bench'}
env = GridWorldEnv(mode=hp['grid_mode'])
model = FPO(actor_class=DiffusionPolicy, critic_class=FeedForwardNN, env=env, **hp)
model.num_minibatches = 6
stamps = []
model._log_summary = lambda: stamps.append((time.perf_counter(), int(model.logger['t_so_far'])))
start = time.perf_counter()
model.learn(total_timesteps=4096 * iters)
prev_t, prev_steps = start, 0
rates = []
for t, steps in stamps:
    rates.append((steps - prev_steps) / (t - prev_t)); prev_t, prev_steps = t, steps
steady = rates[2:]
print("torch threads", torch.get_num_threads(), "per-iteration env steps/s", [round(r) for r in rates])
print("steady mean env steps/s %.0f over %d iterations" % (sum(steady) / len(steady), len(steady)))
