namespace EvoComposer.Evolution.Engine;

/// <summary>
/// A genome: an immutable value whose equality and hash code depend on its genes only, never on its fitness
/// (the engine keeps fitness beside the genome, in arrays). Operators return new genomes.
/// </summary>
/// <typeparam name="TSelf">The genome type itself.</typeparam>
public interface IChromosome<TSelf> : IEquatable<TSelf>
    where TSelf : class, IChromosome<TSelf>
{
    /// <summary>Number of genes (for statistics and operators that cut).</summary>
    int Length { get; }

    /// <summary>
    /// A distance to another genome in [0, 1]: 0 for equal genes, 1 for entirely different ones. Used for the
    /// population's diversity statistic.
    /// </summary>
    double DistanceTo(TSelf other);
}

/// <summary>Creates the genomes of the initial population.</summary>
/// <typeparam name="TGenome">The genome type.</typeparam>
public interface IChromosomeFactory<TGenome>
    where TGenome : class, IChromosome<TGenome>
{
    /// <summary>Creates a genome from its own random stream; must be pure and thread-safe.</summary>
    TGenome Create(RandomStream random);
}
