using System.IO.Compression;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace EvoComposer.Theory.Formats.MusicXml;

/// <summary>
/// The compressed MusicXML container (.mxl): a zip holding <c>mimetype</c>, <c>META-INF/container.xml</c> (which
/// names the score as its first rootfile) and the score. Reading is guarded against zip bombs: at most
/// <see cref="MaxEntries"/> entries, and the score is read through a counter that stops at
/// <see cref="ScoreFiles.MaxFileBytes"/> whatever the entry declares.
/// </summary>
internal static class MxlArchive
{
    /// <summary>The media type of compressed MusicXML, stored in the <c>mimetype</c> entry.</summary>
    public const string MediaType = "application/vnd.recordare.musicxml";
    /// <summary>Most entries a container may have.</summary>
    public const int MaxEntries = 10_000;
    /// <summary>Largest uncompressed entry read, in bytes.</summary>
    public const long MaxEntryBytes = ScoreFiles.MaxFileBytes;

    /// <summary>True when the bytes start like a zip file ("PK\x03\x04").</summary>
    public static bool LooksLikeZip(ReadOnlySpan<byte> bytes) =>
        bytes.Length >= 4 && bytes[0] == (byte)'P' && bytes[1] == (byte)'K' && bytes[2] == 3 && bytes[3] == 4;

    /// <summary>The bytes of the score named by the container's first rootfile.</summary>
    /// <exception cref="ScoreFormatException">A damaged zip, a missing or oversized score, a bad container.xml.</exception>
    public static byte[] ReadScore(ReadOnlyMemory<byte> bytes, string source)
    {
        try
        {
            using var archive = new ZipArchive(new MemoryStream(bytes.ToArray(), writable: false), ZipArchiveMode.Read);
            if (archive.Entries.Count > MaxEntries)
                throw new ScoreFormatException(source, null, $"the .mxl archive has {archive.Entries.Count} entries, more than {MaxEntries}");
            string? path = null;
            var container = archive.GetEntry("META-INF/container.xml");
            if (container is not null)
            {
                var doc = MusicXmlSafety.Load(ReadEntry(container, source), source + "!META-INF/container.xml");
                path = doc.Root?.Elements("rootfiles").Elements("rootfile").Select(r => (string?)r.Attribute("full-path")).FirstOrDefault();
            }
            // Without a container, take the only XML file outside META-INF.
            path ??= archive.Entries.Where(e => !e.FullName.StartsWith("META-INF/", StringComparison.Ordinal) &&
                                                (e.FullName.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) ||
                                                 e.FullName.EndsWith(".musicxml", StringComparison.OrdinalIgnoreCase)))
                .Select(e => e.FullName).FirstOrDefault();
            if (path is null) throw new ScoreFormatException(source, "META-INF/container.xml", "the .mxl archive names no score (no rootfile and no .xml entry)");
            var entry = archive.GetEntry(path) ?? throw new ScoreFormatException(source, "META-INF/container.xml", $"the rootfile '{path}' is not in the archive");
            return ReadEntry(entry, source);
        }
        catch (InvalidDataException e)
        {
            throw new ScoreFormatException(source, null, $"damaged .mxl (zip) archive: {e.Message}", e);
        }
    }

    private static byte[] ReadEntry(ZipArchiveEntry entry, string source)
    {
        if (entry.Length > MaxEntryBytes)
            throw new ScoreFormatException(source, entry.FullName, $"entry unpacks to {entry.Length} bytes, more than the {MaxEntryBytes} allowed");
        using var stream = entry.Open();
        using var output = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            // Do not trust the declared length: count what actually comes out.
            if (output.Length + read > MaxEntryBytes)
                throw new ScoreFormatException(source, entry.FullName, $"entry unpacks to more than the {MaxEntryBytes} bytes allowed (zip bomb?)");
            output.Write(buffer, 0, read);
        }
        return output.ToArray();
    }

    /// <summary>Writes a container holding one score named <paramref name="scoreName"/>.</summary>
    public static void Write(Stream output, byte[] scoreXml, string scoreName)
    {
        using var archive = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true, Encoding.UTF8);
        // mimetype first and stored, as the specification asks.
        WriteEntry(archive, "mimetype", Encoding.ASCII.GetBytes(MediaType), CompressionLevel.NoCompression);
        string container =
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<container>\n  <rootfiles>\n    <rootfile full-path=\"" +
            System.Security.SecurityElement.Escape(scoreName) +
            "\" media-type=\"application/vnd.recordare.musicxml+xml\"/>\n  </rootfiles>\n</container>\n";
        WriteEntry(archive, "META-INF/container.xml", Encoding.UTF8.GetBytes(container), CompressionLevel.Optimal);
        WriteEntry(archive, scoreName, scoreXml, CompressionLevel.Optimal);
    }

    private static void WriteEntry(ZipArchive archive, string name, byte[] data, CompressionLevel level)
    {
        var entry = archive.CreateEntry(name, level);
        entry.LastWriteTime = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero); // deterministic output
        using var s = entry.Open();
        s.Write(data);
    }
}

/// <summary>XML parsing settings for untrusted input: no DTD processing, no external resources, bounded size.</summary>
internal static class MusicXmlSafety
{
    /// <summary>Largest document, in characters.</summary>
    public const long MaxCharacters = 64L * 1024 * 1024;

    /// <summary>
    /// Parses XML with line information. The DOCTYPE that MusicXML files carry is skipped, never processed
    /// (<see cref="DtdProcessing.Ignore"/>), so entity declarations in it have no effect: a "billion laughs"
    /// document fails on its first undeclared entity instead of expanding, and nothing is ever fetched.
    /// </summary>
    /// <exception cref="ScoreFormatException">The bytes are not well-formed XML.</exception>
    public static XDocument Load(byte[] bytes, string source)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Ignore,
            XmlResolver = null,
            MaxCharactersFromEntities = 1024,
            MaxCharactersInDocument = MaxCharacters,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            IgnoreWhitespace = true,
        };
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(bytes, writable: false), settings);
            return XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException e)
        {
            throw new ScoreFormatException(source, $"line {e.LineNumber}, position {e.LinePosition}", $"not well-formed XML: {e.Message}", e);
        }
    }
}
