using LoanPlatform.BuildingBlocks.Problems;
using LoanPlatform.BuildingBlocks.Problems.Catalog;
using LoanPlatform.Users.Model;

namespace LoanPlatform.Users.Services;

public static class UniqueFieldProblems
{
    /// <summary>The problem answered when another account already holds this field's value.</summary>
    public static ProblemType Taken(this UniqueField field) => field switch
    {
        UniqueField.Email => UserProblems.EmailTaken,
        UniqueField.Phone => UserProblems.PhoneTaken,
        _ => UserProblems.NikTaken,
    };
}
