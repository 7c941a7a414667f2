using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace EvoComposer.Learning.Style.Classifiers;

/// <summary>
/// The L-BFGS minimisation (MathNet.Numerics) the trainers share: starts from zero, and when L-BFGS stops without
/// meeting its tolerance (iteration cap or a failed line search) keeps the best point it evaluated. Deterministic.
/// </summary>
internal static class Lbfgs
{
    /// <summary>Minimises a function of <paramref name="size"/> parameters.</summary>
    /// <param name="size">Number of parameters.</param>
    /// <param name="lossAndGradient">Writes the gradient at the parameters (second argument, zeroed) and returns the loss.</param>
    /// <param name="gradientTolerance">Stop when the gradient's norm falls below this.</param>
    /// <param name="maxIterations">Most iterations.</param>
    public static double[] Minimize(int size, Func<double[], double[], double> lossAndGradient, double gradientTolerance, int maxIterations)
    {
        double bestValue = double.PositiveInfinity;
        double[] best = new double[size];
        (double, Vector<double>) Evaluate(Vector<double> theta)
        {
            var t = theta.AsArray() ?? theta.ToArray();
            var gradient = new double[size];
            double loss = lossAndGradient(t, gradient);
            if (loss < bestValue)
            {
                bestValue = loss;
                Array.Copy(t, best, size);
            }
            return (loss, Vector<double>.Build.Dense(gradient));
        }
        var minimizer = new LimitedMemoryBfgsMinimizer(gradientTolerance, 1e-10, 1e-12, 10, maxIterations);
        try
        {
            var result = minimizer.FindMinimum(ObjectiveFunction.Gradient(Evaluate), Vector<double>.Build.Dense(size));
            var found = result.MinimizingPoint.ToArray();
            if (result.FunctionInfoAtMinimum.Value <= bestValue) best = found;
        }
        catch (Exception e) when (e is MaximumIterationsException or InnerOptimizationException or EvaluationException or ArgumentException)
        {
            // Stopped without meeting the tolerance: keep the best point evaluated, which is what the cap is for.
        }
        return best;
    }
}
