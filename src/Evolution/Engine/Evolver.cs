using System.Collections.Immutable;
using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace EvoComposer.Evolution.Engine;

/// <summary>The generation loop shared by the plain algorithm (one island) and the island model.</summary>
internal sealed class Evolver<TGenome>(GeneticAlgorithmOptions options, GeneticOperators<TGenome> ops)
    where TGenome : class, IChromosome<TGenome>
{
    public EvolutionResult<TGenome> Run(ulong[] seeds, IslandModelOptions? islands, IProgress<GenerationStatistics>? progress, CancellationToken cancellation)
    {
        var clock = Stopwatch.StartNew();
        var history = new List<GenerationStatistics>();
        long evaluations = 0;
        var pops = new Population<TGenome>[seeds.Length];
        int evals0 = 0;
        try
        {
            for (int k = 0; k < seeds.Length; k++)
            {
                (pops[k], int e) = Initialize(seeds[k], cancellation);
                evals0 += e;
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            throw; // No complete generation exists yet: nothing to return.
        }
        evaluations += evals0;
        Record(0, evals0);

        double bestSoFar = history[0].Best;
        int sinceImprovement = 0;
        var reason = StopReason.TerminationReached;
        string description = ops.Termination.Describe();
        for (int generation = 1; ; generation++)
        {
            var state = new TerminationState(generation - 1, bestSoFar, sinceImprovement, clock.Elapsed);
            if (ops.Termination.HasReached(state))
            {
                if (ops.Termination is AnyTermination any && any.Reached(state) is { } which) description = which.Describe();
                break;
            }
            if (cancellation.IsCancellationRequested)
            {
                reason = StopReason.Cancelled;
                description = "cancelled";
                break;
            }
            var next = new Population<TGenome>[pops.Length];
            int evals = 0;
            try
            {
                for (int k = 0; k < pops.Length; k++)
                {
                    (next[k], int e) = Breed(pops[k], seeds[k], generation, cancellation);
                    evals += e;
                }
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                reason = StopReason.Cancelled;
                description = "cancelled";
                break;
            }
            if (islands is not null && islands.Migrants > 0 && pops.Length > 1 && generation % islands.MigrationInterval == 0)
                next = Migrate(next, islands.Migrants);
            pops = next;
            evaluations += evals;
            Record(generation, evals);
            if (history[^1].Best > bestSoFar)
            {
                bestSoFar = history[^1].Best;
                sinceImprovement = 0;
            }
            else sinceImprovement++;
        }

        int bestIsland = 0;
        for (int k = 1; k < pops.Length; k++)
            if (pops[k].Table.Best > pops[bestIsland].Table.Best) bestIsland = k;
        return new EvolutionResult<TGenome>(pops[bestIsland].Best, pops[bestIsland].Table.Best, pops, history, reason, description, evaluations, clock.Elapsed);

        void Record(int generation, int evals)
        {
            double best = double.NegativeInfinity, worst = double.PositiveInfinity, sum = 0, diversity = 0;
            int count = 0;
            foreach (var p in pops)
            {
                best = Math.Max(best, p.Table.Best);
                worst = Math.Min(worst, p.Table.Worst);
                foreach (double f in p.Table.Fitness) sum += f;
                count += p.Count;
                diversity += p.Diversity();
            }
            var stats = new GenerationStatistics(generation, best, sum / count, worst, diversity / pops.Length, evals, clock.Elapsed);
            history.Add(stats);
            progress?.Report(stats);
        }
    }

    private (Population<TGenome>, int) Initialize(ulong seed, CancellationToken cancellation)
    {
        int n = options.PopulationSize;
        var genomes = new TGenome[n];
        var fitness = new double[n];
        For(n, cancellation, i =>
        {
            var g = ops.Factory.Create(RandomStream.For(seed, 0, i, RandomPurpose.Initialization))
                ?? throw new InvalidOperationException($"{ops.Factory.GetType().Name} created no genome.");
            genomes[i] = g;
            fitness[i] = Evaluate(g);
        });
        return (new Population<TGenome>(0, ImmutableArray.Create(genomes), ImmutableArray.Create(fitness)), n);
    }

    private (Population<TGenome>, int) Breed(Population<TGenome> parents, ulong seed, int generation, CancellationToken cancellation)
    {
        int n = options.PopulationSize;
        int m = ops.Reinsertion.OffspringCount(n);
        var table = parents.Table;
        var genomes = new TGenome[m];
        var fitness = new double[m];
        var evaluated = new bool[m];
        For(m, cancellation, i =>
        {
            var sel = RandomStream.For(seed, generation, i, RandomPurpose.Selection);
            int first = ops.Selection.Select(table, sel);
            int second = ops.Selection.Select(table, sel);
            var child = parents.Genomes[first];
            var cross = RandomStream.For(seed, generation, i, RandomPurpose.Crossover);
            if (cross.NextBool(options.CrossoverProbability)) child = ops.Crossover.Cross(child, parents.Genomes[second], cross);
            var mut = RandomStream.For(seed, generation, i, RandomPurpose.Mutation);
            if (mut.NextBool(options.MutationProbability)) child = ops.Mutation.Mutate(child, mut);
            genomes[i] = child;
            if (ReferenceEquals(child, parents.Genomes[first]) || child.Equals(parents.Genomes[first])) fitness[i] = table.Fitness[first];
            else if (ReferenceEquals(child, parents.Genomes[second]) || child.Equals(parents.Genomes[second])) fitness[i] = table.Fitness[second];
            else
            {
                fitness[i] = Evaluate(child);
                evaluated[i] = true;
            }
        });
        var offspring = m > 0 ? new FitnessTable(ImmutableArray.Create(fitness)) : null;
        var survivors = ops.Reinsertion.Survivors(table, offspring ?? table, n);
        var nextGenomes = new TGenome[n];
        var nextFitness = new double[n];
        for (int i = 0; i < n; i++)
        {
            int s = survivors[i];
            bool parent = s < table.Count;
            nextGenomes[i] = parent ? parents.Genomes[s] : genomes[s - table.Count];
            nextFitness[i] = parent ? table.Fitness[s] : fitness[s - table.Count];
        }
        int count = 0;
        foreach (bool e in evaluated) if (e) count++;
        return (new Population<TGenome>(generation, ImmutableArray.Create(nextGenomes), ImmutableArray.Create(nextFitness)), count);
    }

    private double Evaluate(TGenome genome)
    {
        double f = ops.Fitness.Evaluate(genome);
        if (!double.IsFinite(f)) throw new InvalidOperationException($"{ops.Fitness.GetType().Name} returned {f}, not a finite number.");
        return f;
    }

    private static Population<TGenome>[] Migrate(Population<TGenome>[] pops, int migrants)
    {
        int n = pops.Length;
        var result = new Population<TGenome>[n];
        for (int k = 0; k < n; k++)
        {
            var from = pops[(k - 1 + n) % n];
            var to = pops[k];
            var genomes = to.Genomes.ToArray();
            var fitness = to.Table.Fitness.ToArray();
            for (int j = 0; j < migrants; j++)
            {
                int src = from.Table.RankOrder[j];
                int dst = to.Table.RankOrder[to.Count - 1 - j];
                genomes[dst] = from.Genomes[src];
                fitness[dst] = from.Table.Fitness[src];
            }
            result[k] = new Population<TGenome>(to.Generation, ImmutableArray.Create(genomes), ImmutableArray.Create(fitness));
        }
        return result;
    }

    private void For(int count, CancellationToken cancellation, Action<int> body)
    {
        if (options.Threads == 1 || count < 2)
        {
            for (int i = 0; i < count; i++)
            {
                cancellation.ThrowIfCancellationRequested();
                body(i);
            }
            return;
        }
        try
        {
            Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = options.Threads, CancellationToken = cancellation }, body);
        }
        catch (AggregateException e) when (e.InnerExceptions.Count >= 1)
        {
            // Rethrow the (first) failure itself rather than a wrapper, as the single-threaded loop would.
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
    }
}
