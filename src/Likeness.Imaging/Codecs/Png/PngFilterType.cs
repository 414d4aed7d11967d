namespace Likeness.Imaging.Codecs.Png;

/// <summary>The five PNG row filters (filter method 0); the type is the first byte of every filtered row.</summary>
internal enum PngFilterType : byte
{
    None = 0,
    Sub = 1,
    Up = 2,
    Average = 3,
    Paeth = 4,
}
