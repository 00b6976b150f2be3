namespace LoanPlatform.BuildingBlocks.Indonesia;

/// <summary>The sex a NIK encodes (women's birth day is stored plus 40).</summary>
public enum NikSex
{
    Male,
    Female,
}
