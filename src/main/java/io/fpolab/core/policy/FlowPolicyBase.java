package io.fpolab.core.policy;

import io.fpolab.core.math.Rng;
import io.fpolab.core.nn.Mlp;
import io.fpolab.core.nn.NetworkConfig;
import io.fpolab.core.nn.ParamSet;
import io.fpolab.core.nn.Scratch;
import io.fpolab.core.nn.Workspaces;
import io.fpolab.core.rl.FlowRatio;
import io.fpolab.core.rl.PpoObjective;
import io.fpolab.core.rl.RatioMode;
import io.fpolab.core.rl.TrustRegion;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * What FPO and DPPO share: a {@link FlowNet} velocity field and a surrogate built from per-row squared
 * errors {@code ℓ_r = w_r·mean_d(v̂ − U_r)²}, {@code rowsPer} rows per transition (N_mc (τ, ε) pairs for
 * FPO, K denoising steps for DPPO). Subclasses say how rows are built and how losses form the ratio.
 */
abstract class FlowPolicyBase implements Policy {
    /** Rows per ND4J call when computing θ_old losses for a whole rollout. */
    static final int CHUNK_ROWS = 1 << 16;

    protected final FlowNet net;
    protected final FlowConfig flow;
    private final ParamSet params;
    private final int rowsPer;
    private double[] lossOld = new double[0];

    FlowPolicyBase(int obsDim, int actDim, NetworkConfig actor, FlowConfig flow,
            DataType dtype, Rng rng, int rowsPer) {
        this.flow = flow;
        this.rowsPer = rowsPer;
        this.net = new FlowNet(obsDim, actDim, actor.hidden(), actor.activation(), flow.timeEmbedding(),
                flow.outputScale(), dtype);
        this.params = new ParamSet(dtype, List.of(net.mlp()));
        net.mlp().init(rng, Policies.FLOW_OUTPUT_GAIN);
    }

    public FlowNet net() {
        return net;
    }

    @Override
    public int obsDim() {
        return net.obsDim();
    }

    @Override
    public int actDim() {
        return net.actDim();
    }

    @Override
    public ParamSet params() {
        return params;
    }

    @Override
    public int pathLength() {
        return flow.steps() + 1;
    }

    @Override
    public final void mirror(Policy source) {
        FlowPolicyBase from = (FlowPolicyBase) source;
        params.params().assign(from.params.params());
        lossOld = from.lossOld;
        mirrorRollout(from);
    }

    /** Shares the subclass's θ_old state of {@code source} (same class) for {@link #mirror}. */
    abstract void mirrorRollout(FlowPolicyBase source);

    /** Network rows (input, target, weight) of transitions {@code idx}, {@code rowsPer} each, in order. */
    abstract Rows rows(float[] obs, float[] act, int[] idx);

    /** How per-row differences form log-ratios. */
    abstract RatioMode ratioMode();

    /** Factor turning a squared-error difference into a log-ratio (1 for FPO). */
    abstract double ratioScale();

    abstract double ratioClamp();

    abstract TrustRegion trustRegion();

    /** Weight of the mean row loss added to the objective (FPO's {@code flow.cfmAnchor}; 0 for DPPO). */
    double cfmAnchor() {
        return 0;
    }

    /*
     * Scratch slots of the update path (see Scratch for the rule): the rows of one call of rows() live until the
     * minibatch's lossAndGrad, or the chunk of rowLosses, that asked for them is done.
     */
    static final Scratch.Floats OBS_X = new Scratch.Floats();
    static final Scratch.Floats TAU = new Scratch.Floats();
    static final Scratch.Floats TARGET = new Scratch.Floats();
    static final Scratch.Doubles WEIGHT = new Scratch.Doubles();
    private static final Scratch.Floats INPUT = new Scratch.Floats();
    private static final Scratch.Doubles CHUNK_LOSSES = new Scratch.Doubles();
    private static final Scratch.Doubles OLD = new Scratch.Doubles();
    private static final Scratch.Doubles LOSS_NEW = new Scratch.Doubles();
    private static final Scratch.Doubles LOG_RATIO = new Scratch.Doubles();
    private static final Scratch.Doubles GRAD_LOG_RATIO = new Scratch.Doubles();
    private static final Scratch.Doubles GRAD_ROWS = new Scratch.Doubles();

    /** Stores ℓ_old for every row of the rollout (θ = θ_old), in chunks of at most {@link #CHUNK_ROWS} rows. */
    final void storeOldLosses(float[] obs, float[] act, int batch) {
        lossOld = rowLosses(obs, act, Policies.range(0, batch));
    }

    /**
     * Row losses at the current parameters for transitions {@code idx} ({@code rowsPer} rows each, in order),
     * in chunks of at most {@link #CHUNK_ROWS} rows: for the whole rollout in order, the very arithmetic that
     * stored ℓ_old.
     */
    private double[] rowLosses(float[] obs, float[] act, int[] idx) {
        double[] losses = new double[idx.length * rowsPer];
        int perChunk = Math.max(1, CHUNK_ROWS / rowsPer);
        for (int from = 0; from < idx.length; from += perChunk) {
            int[] chunk = java.util.Arrays.copyOfRange(idx, from, Math.min(idx.length, from + perChunk));
            int offset = from * rowsPer;
            // One nested workspace per chunk, so a big rollout never holds all chunks' temporaries at once.
            Workspaces.run("row-losses", () -> {
                Rows r = rows(obs, act, chunk);
                double[] out = CHUNK_LOSSES.zeroed(chunk.length * rowsPer);
                net.rowLosses(r.input(), r.count(), r.target(), r.weight(), null, out);
                System.arraycopy(out, 0, losses, offset, out.length);
            });
        }
        return losses;
    }

    /** ℓ_old of the rows of transitions {@code idx}, {@code rowsPer} per transition, in order (a scratch array). */
    private double[] oldLosses(int[] idx) {
        double[] old = OLD.zeroed(idx.length * rowsPer);
        for (int k = 0; k < idx.length; k++) {
            System.arraycopy(lossOld, idx[k] * rowsPer, old, k * rowsPer, rowsPer);
        }
        return old;
    }

    /** Ratio values per transition: 1, or one per row under {@link RatioMode#PER_SAMPLE}. */
    public int unitsPerTransition() {
        return FlowRatio.unitsPerAdvantage(ratioMode(), rowsPer);
    }

    /**
     * The log-ratios {@code log ρ} that {@link #lossAndGrad} would clip for transitions {@code idx}: the current
     * parameters' row losses against the θ_old losses stored by the last {@link #finishRollout}, on the same
     * stored rows (FPO's (τ, ε) pairs, DPPO's chains), in the run's ratio mode. {@link #unitsPerTransition()}
     * values per transition, in the order of {@code idx}; transitions index the arrays given to finishRollout.
     * For the whole rollout in order ({@code 0..batch−1}) the losses are computed as ℓ_old was, so an unchanged
     * policy gives exactly 0; other subsets meet GEMMs of other sizes and may differ from it by float rounding.
     */
    public double[] logRatios(float[] obs, float[] act, int[] idx) {
        double[] lossNew = rowLosses(obs, act, idx);
        RatioMode mode = ratioMode();
        double[] logRatio = new double[FlowRatio.units(mode, idx.length, rowsPer)];
        FlowRatio.logRatio(mode, lossNew, oldLosses(idx), rowsPer, ratioScale(), ratioClamp(), logRatio);
        return logRatio;
    }

    @Override
    public UpdateStats lossAndGrad(float[] obs, float[] act, int[] idx, float[] adv, double clip) {
        Rows r = rows(obs, act, idx);
        int rowCount = idx.length * rowsPer;
        double[] lossNew = LOSS_NEW.zeroed(rowCount);
        double[] old = oldLosses(idx);
        Mlp.Cache cache = net.mlp().newCache();
        double[] err = net.rowLosses(r.input(), rowCount, r.target(), r.weight(), cache, lossNew);

        RatioMode mode = ratioMode();
        int units = FlowRatio.units(mode, idx.length, rowsPer);
        double[] logRatio = LOG_RATIO.zeroed(units);
        FlowRatio.logRatio(mode, lossNew, old, rowsPer, ratioScale(), ratioClamp(), logRatio);
        double[] gradLogRatio = GRAD_LOG_RATIO.zeroed(units);
        PpoObjective.Result res = PpoObjective.evaluate(logRatio, adv, FlowRatio.unitsPerAdvantage(mode, rowsPer),
                clip, trustRegion(), gradLogRatio);
        double[] gradRows = GRAD_ROWS.zeroed(rowCount);
        FlowRatio.backward(mode, lossNew, old, rowsPer, ratioScale(), ratioClamp(), logRatio, gradLogRatio, gradRows);
        double anchor = cfmAnchor();
        if (anchor > 0) {
            for (int i = 0; i < rowCount; i++) {
                gradRows[i] += anchor / rowCount;
            }
        }
        net.backwardRows(cache, err, r.weight(), gradRows);
        double cfm = 0;
        for (double l : lossNew) {
            cfm += l;
        }
        return new UpdateStats(res.loss() + anchor * cfm / rowCount, res.ratioMean(), res.ratioMin(), res.ratioMax(),
                res.clipFraction(), res.approxKl(), cfm / rowCount, Double.NaN);
    }

    /** Rows for the network from {@code [obs, x]} columns, τ column, targets and weights. */
    final Rows toRows(float[] obsX, float[] tauCol, float[] target, double[] weight, int rows) {
        return new Rows(net.input(obsX, tauCol, rows, INPUT.zeroed(rows * net.inputWidth())), rows, target, weight);
    }

    /** Rows ready for the network: input rows (row-major), their count, regression targets and per-row weights. */
    record Rows(float[] input, int count, float[] target, double[] weight) {
    }
}
