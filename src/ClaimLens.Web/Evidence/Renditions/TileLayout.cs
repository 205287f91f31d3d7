namespace ClaimLens.Web.Evidence.Renditions;

/// <summary>The zoom pyramid of a picture as displayed: level 0 fits in one tile, each level doubles the one
/// before, the last level is full resolution. Tiles are <see cref="TileSize"/> square, those on the right and
/// bottom edges smaller.</summary>
public sealed record TileLayout(int Width, int Height, int TileSize, int Levels)
{
    public static TileLayout For(int width, int height, int tileSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(tileSize);
        var levels = 1;
        for (var side = Math.Max(width, height); side > tileSize; side = (side + 1) / 2)
            levels++;
        return new TileLayout(width, height, tileSize, levels);
    }

    /// <summary>The picture's size at <paramref name="level"/> (halved, rounding up, per level below the last).</summary>
    public (int Width, int Height) LevelSize(int level)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(level);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(level, Levels);
        var (w, h) = (Width, Height);
        for (var i = Levels - 1; i > level; i--)
            (w, h) = ((w + 1) / 2, (h + 1) / 2);
        return (w, h);
    }

    /// <summary>Columns and rows of tiles at <paramref name="level"/>.</summary>
    public (int Columns, int Rows) Grid(int level)
    {
        var (w, h) = LevelSize(level);
        return ((w + TileSize - 1) / TileSize, (h + TileSize - 1) / TileSize);
    }

    public bool Contains(int level, int x, int y)
    {
        if (level < 0 || level >= Levels || x < 0 || y < 0)
            return false;
        var (columns, rows) = Grid(level);
        return x < columns && y < rows;
    }
}
