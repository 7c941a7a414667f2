namespace EvoComposer.Tests.Shared;

/// <summary>
/// Hand-written exercises shared by the test projects (linked into each with a Compile item), so that the rule
/// tests and the <c>check</c> command tests judge the very same student's work.
/// </summary>
internal static class StudentExercises
{
    /// <summary>A four-part exercise in C major with mistakes: parallel fifths, a doubled leading tone, a crossing, an unresolved seventh.</summary>
    public const string Kern = """
        **kern	**kern	**kern	**kern
        *Ibass	*Itenor	*Ialto	*Isoprn
        *k[]	*k[]	*k[]	*k[]
        *C:	*C:	*C:	*C:
        *M4/4	*M4/4	*M4/4	*M4/4
        =1	=1	=1	=1
        4C	4G	4e	4cc
        4F	4c	4a	4cc
        4G	4d	4b	4b
        4C	4G	4c	4cc
        =2	=2	=2	=2
        4A	4e	4c	4a
        4D	4a	4d	4f
        4G	4B	4d	4f
        4C	4c	4e	4g
        =3	=3	=3	=3
        2G	2B	2f	2b
        2C	2c	2e	2cc
        ==	==	==	==
        *-	*-	*-	*-
        """;
}
