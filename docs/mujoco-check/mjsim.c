/*
 * mjsim: replays an action sequence in MuJoCo and prints the trajectory in the CSV layout of
 * `fpo-lab simulate` (step,qpos_0..,qvel_0..; row 0 = the initial state, row k = after action k).
 * Used to check the lab's pure-Java physics against MuJoCo itself (see README.md here).
 *
 *   gcc -O2 -o mjsim mjsim.c -lmujoco
 *   ./mjsim MODEL.xml SUBSTEPS QPOS QVEL ACTIONS.csv
 *
 * QPOS/QVEL are comma-separated; ACTIONS.csv has one row per control step and one column per
 * actuator (rows that do not start with a number, such as a header, are skipped). Each control step
 * runs SUBSTEPS calls of mj_step with the same ctrl.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <mujoco/mujoco.h>

static int parse_list(const char* text, mjtNum* out, int n, const char* what) {
  const char* p = text;
  for (int i = 0; i < n; i++) {
    char* end;
    out[i] = strtod(p, &end);
    if (end == p) {
      fprintf(stderr, "mjsim: %s needs %d comma-separated numbers, got '%s'\n", what, n, text);
      return 0;
    }
    p = end;
    if (i + 1 < n) {
      if (*p != ',') {
        fprintf(stderr, "mjsim: %s needs %d comma-separated numbers, got '%s'\n", what, n, text);
        return 0;
      }
      p++;
    }
  }
  return 1;
}

static void print_row(const mjModel* m, const mjData* d, int step) {
  printf("%d", step);
  for (int i = 0; i < m->nq; i++) printf(",%.17g", d->qpos[i]);
  for (int i = 0; i < m->nv; i++) printf(",%.17g", d->qvel[i]);
  printf("\n");
}

int main(int argc, char** argv) {
  if (argc != 6) {
    fprintf(stderr, "usage: mjsim MODEL.xml SUBSTEPS QPOS QVEL ACTIONS.csv\n");
    return 2;
  }
  char error[1000] = "";
  mjModel* m = mj_loadXML(argv[1], NULL, error, sizeof error);
  if (!m) {
    fprintf(stderr, "mjsim: %s\n", error);
    return 2;
  }
  int substeps = atoi(argv[2]);
  mjData* d = mj_makeData(m);
  if (!parse_list(argv[3], d->qpos, m->nq, "QPOS") || !parse_list(argv[4], d->qvel, m->nv, "QVEL")) return 2;
  FILE* actions = fopen(argv[5], "r");
  if (!actions) {
    fprintf(stderr, "mjsim: cannot read %s\n", argv[5]);
    return 2;
  }
  mj_forward(m, d);
  printf("step");
  for (int i = 0; i < m->nq; i++) printf(",qpos_%d", i);
  for (int i = 0; i < m->nv; i++) printf(",qvel_%d", i);
  printf("\n");
  print_row(m, d, 0);
  char line[4096];
  int step = 0;
  while (fgets(line, sizeof line, actions)) {
    char* p = line;
    while (*p == ' ') p++;
    if (!(isdigit((unsigned char)*p) || *p == '-' || *p == '+' || *p == '.')) continue;
    line[strcspn(line, "\r\n")] = 0;
    if (!parse_list(p, d->ctrl, m->nu, "an action row")) return 2;
    for (int s = 0; s < substeps; s++) mj_step(m, d);
    print_row(m, d, ++step);
  }
  fclose(actions);
  mj_deleteData(d);
  mj_deleteModel(m);
  return 0;
}
